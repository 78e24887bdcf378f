export const httpChannels = {
  'http:send': 'sendRequest',
  'http:cancel': 'cancelRequest',
  'http:fetchAllPages': 'fetchAllPages',
  'http:saveBody': 'saveResponseBody'
} as const

export const httpEvents = {
  'http:progress': 'onRequestProgress'
} as const
