// `reactor-explorer import <file-or-folder> --into <folder> [--json]`: the app's import, for support scripts
// and CI. It converts first (a preview, nothing written), then writes the new collection folder all at once
// (a temporary folder renamed into place), so an import that fails leaves nothing behind. Two built-in
// sources need no file: `reactor:starter` (the starter collection, with the Sandbox's ids) and
// `reactor:catalog[/Group]` (every catalog operation, or one group's).
//
// Only node built-ins load before the arguments are checked: a usage error answers at once.
import { parseArgs } from 'node:util'
import type { Collection, ImportReport } from '../shared/collections/collection-model'

export const IMPORT_USAGE = `usage: reactor-explorer import <file-or-folder> --into <folder> [--json]

Converts a collection into a new Reactor Explorer collection folder (OpenCollection 1.0, which Bruno opens too):

  <file-or-folder>  a Postman collection (v2.0/v2.1) or environment (.json), an Insomnia export (v4 JSON or
                    v5 YAML), an OpenCollection file, a Bruno collection folder (.bru, with bruno.json) or an
                    OpenCollection / Bruno YAML folder (with opencollection.yml); or a built-in collection:
                    reactor:starter (the getting-started calls), reactor:catalog or reactor:catalog/<Group>
  --into <folder>   the new collection folder; it must not exist yet (or be empty)
  --json            print one JSON object: {requests, folders, environments, unmapped: [{item, reason}],
                    notes, into, source, files} (or {error: {code, message, file, line, column}})

Credentials found in the input (Adobe's {{ACCESS_TOKEN}}-style auth headers, a pasted token, a p8e- client
secret) are never written: Reactor requests use the active profile's auth, other values become {{variables}}.

Exit codes: 0 imported (even with notes), 1 could not import (unreadable input, unknown format, the folder
exists), 2 usage error.`

export interface ImportIo {
  out(text: string): void
  err(line: string): void
}

const processIo: ImportIo = {
  out: (text) => void process.stdout.write(text),
  err: (line) => console.error(line)
}

class UsageError extends Error {}

function parse(args: string[]): { source: string; into: string; json: boolean } | 'help' {
  let parsed
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { into: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values, positionals } = parsed
  if (values.help) return 'help'
  if (positionals.length === 0) throw new UsageError('name the file or folder to import, e.g. import collection.postman_collection.json --into ./my-collection.')
  if (positionals.length > 1) throw new UsageError(`import takes one file or folder, not ${positionals.length} ("${positionals[1]}" is extra; quote a path that contains spaces).`)
  if (values.into === undefined || values.into.trim() === '') throw new UsageError('--into <folder> is required: the new collection folder to create.')
  return { source: positionals[0]!, into: values.into, json: values.json ?? false }
}

interface Outcome {
  source: { kind: string; label: string; path: string }
  collection: Collection
  report: ImportReport
}

async function builtIn(source: string): Promise<Outcome | undefined> {
  const match = /^reactor:(starter|catalog)(?:\/(.+))?$/.exec(source)
  if (!match) return undefined
  const { catalogCollection, starterCollection } = await import('../main/core/interchange')
  const { ReportBuilder } = await import('../main/core/interchange/import-report')
  let collection: Collection
  if (match[1] === 'starter') {
    if (match[2]) throw new UsageError(`reactor:starter has no parts; did you mean reactor:catalog/${match[2]}?`)
    // The Sandbox environment needs the Sandbox's own ids: they come from its seed, so a short start reads them.
    const { startSandbox } = await import('../sandbox')
    const sandbox = await startSandbox()
    try {
      collection = starterCollection({ sandbox: { companyId: sandbox.seeded.companyId, webPropertyId: sandbox.seeded.webPropertyId } })
    } finally {
      await sandbox.close()
    }
  } else {
    collection = catalogCollection(match[2] ? { tag: match[2] } : {})
  }
  return { source: { kind: `reactor-${match[1]}`, label: match[1] === 'starter' ? 'Reactor starter collection' : 'Reactor API catalog', path: source }, collection, report: new ReportBuilder().finish(collection) }
}

export async function runImportCommand(args: string[], io: ImportIo = processIo): Promise<number> {
  let options: Exclude<ReturnType<typeof parse>, 'help'>
  try {
    const parsed = parse(args)
    if (parsed === 'help') {
      io.out(`${IMPORT_USAGE}\n`)
      return 0
    }
    options = parsed
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.err(`import: ${error.message}\n\n${IMPORT_USAGE}`)
    return 2
  }

  const { previewImport, writeCollectionFolder } = await import('../main/core/interchange')
  const { ImportError } = await import('../main/core/interchange/input-documents')
  const fail = (error: unknown): number => {
    const known = error instanceof ImportError ? error : undefined
    const code = known?.code ?? (error as { code?: unknown })?.code
    const message = error instanceof Error ? error.message : String(error)
    if (options.json) {
      io.out(`${JSON.stringify({ error: { code: typeof code === 'string' ? code : 'import-failed', message, ...(known?.position ?? {}) } }, null, 2)}\n`)
    } else io.err(`import: ${message}`)
    return 1
  }

  let outcome: Outcome
  try {
    outcome = (await builtIn(options.source)) ?? (await previewImport(options.source))
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`import: ${error.message}\n\n${IMPORT_USAGE}`)
      return 2
    }
    return fail(error)
  }
  let written: { root: string; files: string[] }
  try {
    written = await writeCollectionFolder(outcome.collection, options.into)
  } catch (error) {
    return fail(error)
  }

  const { report } = outcome
  if (options.json) {
    io.out(`${JSON.stringify({ ...report, source: outcome.source, into: written.root, files: written.files }, null, 2)}\n`)
    return 0
  }
  const environments = report.environments > 0 ? ` and ${report.environments} environment${report.environments === 1 ? '' : 's'}` : ''
  io.out(`Imported ${report.requests} request${report.requests === 1 ? '' : 's'} in ${report.folders} folder${report.folders === 1 ? '' : 's'}${environments} from ${outcome.source.label} into ${written.root}\n`)
  if (report.unmapped.length > 0) {
    io.out(`\nNot imported, or only in part (${report.unmapped.length}):\n`)
    for (const entry of report.unmapped) io.out(`  - ${entry.item}: ${entry.reason}\n`)
  }
  if (report.notes.length > 0) {
    io.out('\nNotes:\n')
    for (const note of report.notes) io.out(`  - ${note}\n`)
  }
  return 0
}
