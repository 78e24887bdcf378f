import type { CatalogData } from '../src/shared/catalog/catalog-types'

export const SPEC_PATH: string
export const SAMPLES_DIR: string
export const OUTPUT_PATH: string
export function buildCatalog(specText: string, readSample: (name: string) => string | undefined): CatalogData
export function generateCatalogText(): string
