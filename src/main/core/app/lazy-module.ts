/**
 * A module imported on first use and kept: `const har = lazyModule(() => import('./har'))`, then
 * `(await har()).validateHar(...)`. For code a command or the app's start does not need (converters,
 * importers) whose dependencies take hundreds of milliseconds to load.
 */
export function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined
  return () => (loading ??= load().catch((error: unknown) => {
    loading = undefined
    throw error
  }))
}
