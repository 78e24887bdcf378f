export const appChannels = {
  'app:info': 'getAppInfo',
  'app:cancelOperation': 'cancelOperation'
} as const

export const appEvents = {
  'app:notice': 'onNotice',
  'app:progress': 'onProgress'
} as const
