// The collections the Run view can run: the window's one collections store (features/collections), read here
// and nowhere else in the runner, so the Run view and the Collections area always agree on what is open.
export { createStarterCollection, ensureCollectionsLoaded, entryForRoot, openCollectionFolder, useCollections, type CollectionEntry } from '../collections/collections-store'
