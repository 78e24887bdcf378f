export const runnerChannels = {
  'runner:start': 'startRun',
  'runner:cancel': 'cancelRun'
} as const

export const runnerEvents = {
  'runner:progress': 'onRunProgress'
} as const
