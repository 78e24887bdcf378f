import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { NoLaunchToken } from './app/NoLaunchToken'
import { ActiveProfileProvider } from './state/active-profile'
import { createLoopbackApi, takeLaunchToken } from './transport/loopback-api'
import './styles/app.css'

// In Electron the preload has set window.api. In browser mode the page was served by the loopback
// transport and brings its launch token in the URL fragment.
if (!('api' in window) || !window.api) {
  const token = takeLaunchToken(window.location, window.sessionStorage)
  if (token) Object.defineProperty(window, 'api', { value: createLoopbackApi(token), configurable: false, writable: false })
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {'api' in window && window.api ? (
      <ActiveProfileProvider>
        <App />
      </ActiveProfileProvider>
    ) : (
      <NoLaunchToken />
    )}
  </StrictMode>
)
