// Runs before the stylesheet and the app's bundle: sets <html data-theme> from the copy of the theme choice
// that app/theme.ts keeps in localStorage, so a person who chose dark on a light OS (or the other way round)
// never sees a first frame in the wrong theme. An external file, because the CSP forbids inline scripts;
// copied as is from src/renderer/public. Keep the key in step with THEME_STORAGE_KEY in app/theme.ts.
/* global window, document */
;(function () {
  try {
    var stored = window.localStorage.getItem('reactor-explorer.theme')
    if (stored === 'light' || stored === 'dark' || stored === 'system') document.documentElement.dataset.theme = stored
  } catch {
    // Storage refused (private mode, a locked profile): the OS theme applies until app/theme.ts runs.
  }
})()
