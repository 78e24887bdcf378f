export const profilesChannels = {
  'profiles:list': 'listProfiles',
  'profiles:create': 'createProfile',
  'profiles:update': 'updateProfile',
  'profiles:duplicate': 'duplicateProfile',
  'profiles:delete': 'deleteProfile',
  'profiles:setActive': 'setActiveProfile',
  'profiles:import': 'importProfile',
  'secrets:set': 'setSecret',
  'secrets:status': 'getSecretStatus',
  'tokens:info': 'getTokenInfo',
  'tokens:generate': 'generateToken',
  'tokens:copy': 'copyAccessToken',
  'tokens:setManual': 'setManualToken',
  'doctor:run': 'runCredentialDoctor',
  'doctor:copyReport': 'copyDoctorReport'
} as const

export const profilesEvents = {
  'profiles:changed': 'onProfilesChanged',
  'tokens:changed': 'onTokenChanged',
  'doctor:progress': 'onDoctorProgress'
} as const
