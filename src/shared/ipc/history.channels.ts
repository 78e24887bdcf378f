export const historyChannels = {
  'history:list': 'listHistory',
  'history:search': 'searchHistory',
  'history:get': 'getHistoryEntry',
  'history:delete': 'deleteHistoryEntry',
  'history:clear': 'clearHistory',
  'history:exportHar': 'exportHistoryHar',
  'history:exportBundle': 'exportReproBundle',
  'history:importBundle': 'importReproBundle',
  'history:importHar': 'importHar',
  'history:fromCurl': 'curlToRequest',
  'history:toCurl': 'requestToCurl',
  'history:copyCurl': 'copyRequestAsCurl',
  'history:snippet': 'requestSnippet',
  'history:diffResponses': 'diffResponses',
  'history:getSettings': 'getHistorySettings',
  'history:setSettings': 'setHistorySettings'
} as const

export const historyEvents = {
  'history:changed': 'onHistoryChanged'
} as const
