export const settingsChannels = {
  'settings:get': 'getSettings',
  'settings:update': 'updateSettings'
} as const

export const settingsEvents = {
  'settings:changed': 'onSettingsChanged'
} as const
