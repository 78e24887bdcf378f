export const requestsChannels = {
  'requests:send': 'sendRequest',
  'requests:cancel': 'cancelRequest',
  'requests:fetchAllPages': 'fetchAllPages',
  'requests:saveBody': 'saveResponseBody',
  'requests:loadTabs': 'loadRequestTabs',
  'requests:saveTabs': 'saveRequestTabs'
} as const

export const requestsEvents = {
  'requests:progress': 'onRequestProgress'
} as const
