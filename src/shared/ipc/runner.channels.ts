export const runnerChannels = {
  'runner:start': 'startRun',
  'runner:cancel': 'cancelRun',
  'runner:exportReport': 'exportRunReport',
  'runner:discardReport': 'discardRunReport'
} as const

export const runnerEvents = {
  'runner:progress': 'onRunProgress'
} as const
