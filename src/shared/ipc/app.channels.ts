export const appChannels = {
  'app:info': 'getAppInfo'
} as const

export const appEvents = {
  'app:notice': 'onNotice'
} as const
