// The renderer's Content-Security-Policy. The app window needs no network at all (HTTP runs in main),
// hence connect-src 'none'. Browser mode talks to the loopback transport on its own origin and is the
// only place that widens connect-src, to 'self' and nothing else.
const base = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "worker-src 'self' blob:"
]
// Only a header can carry frame-ancestors: in a <meta> policy Chromium ignores it and logs an error on load.
const headerOnly = ["frame-ancestors 'none'"]

/** The policy of the app window's <meta> tag (src/renderer/index.html). */
export const APP_META_CSP = [...base, "connect-src 'none'"].join('; ')
/** The same for browser mode, where the page reaches the loopback transport on its own origin. */
export const BROWSER_MODE_META_CSP = [...base, "connect-src 'self'"].join('; ')
/** The Content-Security-Policy headers the app:// protocol and the loopback server send. */
export const APP_CSP = [APP_META_CSP, ...headerOnly].join('; ')
export const BROWSER_MODE_CSP = [BROWSER_MODE_META_CSP, ...headerOnly].join('; ')
