export const collectionsChannels = {
  'collections:list': 'listCollections',
  'collections:open': 'openCollection',
  'collections:create': 'createCollection',
  'collections:close': 'closeCollection',
  'collections:tree': 'getCollectionTree',
  'collections:saveRequest': 'saveCollectionRequest',
  'collections:rename': 'renameCollectionItem',
  'collections:move': 'moveCollectionItem',
  'collections:duplicate': 'duplicateCollectionItem',
  'collections:delete': 'deleteCollectionItem',
  'collections:restore': 'restoreCollectionItem',
  'collections:newFolder': 'newCollectionFolder',
  'collections:setDefaults': 'setCollectionDefaults',
  'collections:environments': 'listCollectionEnvironments',
  'collections:saveEnvironment': 'saveCollectionEnvironment',
  'collections:deleteEnvironment': 'deleteCollectionEnvironment',
  'collections:sendRequest': 'sendCollectionRequest'
} as const

export const collectionsEvents = {
  'collections:changed': 'onCollectionsChanged'
} as const
