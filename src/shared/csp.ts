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
  "frame-ancestors 'none'",
  "object-src 'none'",
  "worker-src 'self' blob:"
]

export const APP_CSP = [...base, "connect-src 'none'"].join('; ')
export const BROWSER_MODE_CSP = [...base, "connect-src 'self'"].join('; ')
