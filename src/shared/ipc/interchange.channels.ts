export const interchangeChannels = {
  'interchange:previewImport': 'previewCollectionImport',
  'interchange:writeImport': 'writeCollectionImport',
  'interchange:createStarter': 'createStarterCollection',
  'interchange:exportCollection': 'exportCollection'
} as const
