/**
 * Browser mode opened without its launch token (a bookmarked or copied address without the #token=… part, or a
 * token from an earlier launch): the page cannot reach the local core, so it says how to open the app instead of
 * showing a normal-looking app that fails on every click.
 */
export function NoLaunchToken() {
  return (
    <main className="no-token" aria-labelledby="no-token-title">
      <div className="no-token-card">
        <span className="brand-mark" aria-hidden="true">R</span>
        <h1 id="no-token-title">Open Reactor Explorer from the address it printed</h1>
        <p>
          This page is served by Reactor Explorer’s browser mode, which answers only the address printed when it started: that address ends in{' '}
          <code>#token=…</code>, a token made for that one launch. Without it this page cannot reach the app.
        </p>
        <ol>
          <li>
            Look in the terminal where you ran <code>npm run start:browser</code> (or <code>npx reactor-explorer browser</code>) for the line starting with{' '}
            <code>http://127.0.0.1:</code>.
          </li>
          <li>Open that whole address, including the part after <code>#</code>.</li>
          <li>If the app was stopped or restarted, its old address no longer works: start it again and use the new one.</li>
        </ol>
      </div>
    </main>
  )
}
