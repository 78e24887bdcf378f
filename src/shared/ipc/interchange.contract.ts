import { z } from 'zod'
import type { ImportReport } from '../collections/collection-model'
import type { CollectionView } from './collections.contract'
import { OperationId } from './app.contract'
import { channel, NoInput } from './define'

// The `interchange` capability as the app uses it: imports (Postman v2.1 collections and environments,
// Insomnia v4 JSON / v5 YAML, OpenCollection files, and Bruno or OpenCollection folders as a zip) shown as a
// preview first and written as a new collection folder only when the person says so; the Reactor starter
// collection in one call; exports to Postman v2.1 or one OpenCollection file. The renderer hands over a file's
// content (it reads the file the person picked or dropped); main converts, keeps the preview, and writes.

/**
 * The largest file an import takes (src/main/core/interchange/input-documents.ts, MAX_IMPORT_FILE_BYTES):
 * Adobe's biggest published Reactor collection is 458 KB, a 2,000-request Postman export about 8 MB.
 */
export const MAX_IMPORT_TEXT_CHARS = 20 * 1024 * 1024
/** The same cap for a zip, in base64 (4 characters per 3 bytes). */
export const MAX_IMPORT_ZIP_BASE64_CHARS = Math.ceil((20 * 1024 * 1024) / 3) * 4

const FileName = z
  .string()
  .trim()
  .min(1, 'the name of the file being imported')
  .max(255)
  .refine((name) => !/[\\/\0]/.test(name), 'a file name without / or \\ (the file itself stays where it is)')

export const PreviewImportInput = z
  .object({
    fileName: FileName,
    /** The file's text (JSON or YAML). */
    text: z.string().min(1, 'the file is empty').max(MAX_IMPORT_TEXT_CHARS, 'files of at most 20 MB are imported').optional(),
    /** A zip of a collection folder (Bruno `.bru` with bruno.json, or an OpenCollection / Bruno YAML folder), base64. */
    zipBase64: z.string().min(1).max(MAX_IMPORT_ZIP_BASE64_CHARS, 'zips of at most 20 MB are imported').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64').optional(),
    /** Names the conversion for app:progress and app:cancelOperation. */
    operationId: OperationId.optional()
  })
  .refine((input) => (input.text === undefined) !== (input.zipBase64 === undefined), 'either the text of a file or a zip, not both')
export type PreviewImportInput = z.input<typeof PreviewImportInput>

const Name = z.string().trim().min(1, 'a name').max(256)

export const WriteImportInput = z.object({
  /** From interchange:previewImport (previews are kept in main for a while; the last 8). */
  previewId: z.string().regex(/^preview-[0-9a-z-]{1,40}$/, 'a preview id from interchange:previewImport'),
  /** The collection's name (and its folder's): default, the name in the imported file. */
  name: Name.optional(),
  /** The folder to create the collection in (absolute); default: `collections/` in the data folder. */
  parentDir: z.string().min(1).max(4096).optional(),
  /**
   * For an import that holds only environments (a Postman environment file): add them to this open
   * collection instead of creating a new one.
   */
  intoCollectionId: z.string().regex(/^[0-9a-f]{16}$/, 'a collection id').optional(),
  /** Names the write for app:progress (one step per file) and app:cancelOperation (a cancelled import writes nothing). */
  operationId: OperationId.optional()
})
export type WriteImportInput = z.input<typeof WriteImportInput>

export const EXPORT_FORMATS = ['postman', 'opencollection'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const ExportCollectionInput = z.object({
  collectionId: z.string().regex(/^[0-9a-f]{16}$/, 'a collection id'),
  format: z.enum(EXPORT_FORMATS),
  /**
   * `file`: main asks where to save (the app's save dialog) and writes it; `text`: the text comes back and the
   * renderer offers it as a download (browser mode, where main has no dialog to show).
   */
  destination: z.enum(['file', 'text']),
  /** Names the export for app:progress and app:cancelOperation (a cancelled export writes no file). */
  operationId: OperationId.optional()
})
export type ExportCollectionInput = z.input<typeof ExportCollectionInput>

/** One top-level entry of what an import would create, for the preview. */
export interface ImportOutlineEntry {
  kind: 'folder' | 'request'
  name: string
  method?: string
  /** For a folder: the requests inside it, at any depth. */
  requests?: number
}

export interface ImportPreviewView {
  previewId: string
  source: { kind: string; label: string; fileName: string }
  /** The collection's name as imported. */
  name: string
  report: ImportReport
  outline: ImportOutlineEntry[]
  environments: string[]
  /** Where "Import" writes it unless told otherwise. */
  defaultParent: string
  /** True when it holds environments only (a Postman environment): it can be added to an open collection. */
  environmentsOnly: boolean
}

export interface ExportResult {
  fileName: string
  format: ExportFormat
  /** What the format cannot say (environments are not part of a Postman collection, kept scripts …). */
  notes: string[]
  /** `destination: 'text'`: the exported text. */
  text?: string
  /** `destination: 'file'`: whether it was written (false when the person cancelled the dialog), and where. */
  saved?: boolean
  path?: string
}

export const interchangeContract = {
  'interchange:previewImport': channel<ImportPreviewView>()(PreviewImportInput),
  'interchange:writeImport': channel<{ collection: CollectionView; files: number }>()(WriteImportInput),
  'interchange:createStarter': channel<CollectionView>()(NoInput),
  'interchange:exportCollection': channel<ExportResult>()(ExportCollectionInput)
}
