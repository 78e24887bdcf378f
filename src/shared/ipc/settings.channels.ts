export const settingsChannels = {
  'settings:get': 'getSettings',
  'settings:update': 'updateSettings',
  'settings:setProxyPassword': 'setProxyPassword',
  'settings:testConnection': 'testConnection'
} as const

export const settingsEvents = {
  'settings:changed': 'onSettingsChanged'
} as const
