export const settingsChannels = {
  'settings:get': 'getSettings',
  'settings:update': 'updateSettings',
  'settings:setProxyPassword': 'setProxyPassword',
  'settings:testConnection': 'testConnection',
  'settings:switchSecretBackend': 'switchSecretBackend'
} as const

export const settingsEvents = {
  'settings:changed': 'onSettingsChanged'
} as const
