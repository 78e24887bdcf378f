export const requestsChannels = {
  'requests:send': 'sendRequest',
  'requests:cancel': 'cancelRequest',
  'requests:fetchAllPages': 'fetchAllPages',
  'requests:saveBody': 'saveResponseBody',
  'requests:openBodyStream': 'openBodyStream',
  'requests:releaseBody': 'releaseResponseBody',
  'requests:loadTabs': 'loadRequestTabs',
  'requests:saveTabs': 'saveRequestTabs'
} as const

export const requestsEvents = {
  'requests:progress': 'onRequestProgress'
} as const

/**
 * Electron (issue 12): main answers `requests:openBodyStream` by sending the stream's MessagePort on this IPC
 * channel; the preload passes it to the page as a window message of type BODY_STREAM_PORT_MESSAGE.
 */
export const BODY_STREAM_PORT_CHANNEL = 'body-stream:port'
export const BODY_STREAM_PORT_MESSAGE = 'reactor-explorer:body-stream-port'
