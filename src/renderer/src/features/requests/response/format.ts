export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  return `${(ms / 1000).toFixed(2)} s`
}

export function statusClass(status: number): string {
  if (status >= 500) return 'rq-status-5xx'
  if (status >= 400) return 'rq-status-4xx'
  if (status >= 300) return 'rq-status-3xx'
  if (status >= 200) return 'rq-status-2xx'
  return 'rq-status-other'
}
