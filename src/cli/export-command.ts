// `reactor-explorer export <collection-folder> --to postman|opencollection [--out file]`: a collection folder
// as one file others can use — a Postman v2.1 collection (Postman and newman run it; the Reactor auth
// headers take {{ACCESS_TOKEN}}, {{API_KEY}}, {{IMS_ORG}} and {{REACTOR_HOST}} from a Postman environment),
// or a single-file OpenCollection bundle. To stdout unless --out names a file (written atomically).
// What the target format cannot say is listed on stderr.
import { parseArgs } from 'node:util'

export const EXPORT_USAGE = `usage: reactor-explorer export <collection-folder> --to postman|opencollection [--out file]

  <collection-folder>   a collection folder (with opencollection.yml)
  --to postman          a Postman Collection v2.1 (JSON) that Postman and newman run; Reactor requests use
                        {{REACTOR_HOST}}, {{ACCESS_TOKEN}}, {{API_KEY}} and {{IMS_ORG}} from a Postman environment
  --to opencollection   the whole collection as one OpenCollection YAML file (bundled: true)
  --out file            write there instead of stdout

No secret is exported: secret variables go out without their values. Notes go to stderr.
Exit codes: 0 exported, 1 the folder could not be read or the file written, 2 usage error.`

export interface ExportIo {
  out(text: string): void
  err(line: string): void
}

const processIo: ExportIo = {
  out: (text) => void process.stdout.write(text),
  err: (line) => console.error(line)
}

const TARGETS = ['postman', 'opencollection'] as const
type Target = (typeof TARGETS)[number]

export async function runExportCommand(args: string[], io: ExportIo = processIo): Promise<number> {
  let folder: string
  let target: Target
  let out: string | undefined
  try {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { to: { type: 'string' }, out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } } })
    if (values.help) {
      io.out(`${EXPORT_USAGE}\n`)
      return 0
    }
    if (positionals.length !== 1) throw new Error(positionals.length === 0 ? 'name the collection folder to export.' : `export takes one collection folder, not ${positionals.length}.`)
    if (values.to === undefined) throw new Error('--to is required: postman or opencollection.')
    if (!(TARGETS as readonly string[]).includes(values.to)) throw new Error(`--to takes postman or opencollection, not "${values.to}".`)
    if (values.out !== undefined && values.out.trim() === '') throw new Error('--out needs a file name.')
    folder = positionals[0]!
    target = values.to as Target
    out = values.out
  } catch (error) {
    io.err(`export: ${(error as Error).message}\n\n${EXPORT_USAGE}`)
    return 2
  }

  const { readCollection } = await import('../main/core/collections/collection-reader')
  const { exportOpenCollectionBundle, exportPostmanCollection } = await import('../main/core/interchange')
  const { ReportBuilder } = await import('../main/core/interchange/import-report')
  const { scrubLiteralSecrets } = await import('../main/core/interchange/secret-scrub')
  let text: string
  const notes: string[] = []
  try {
    const snapshot = await readCollection(folder)
    for (const problem of snapshot.collection.problems ?? []) notes.push(`${problem.path} was not read: ${problem.message}`)
    // The folder should hold no credential; if one was typed into a file by hand it still does not leave here.
    const report = new ReportBuilder()
    const collection = scrubLiteralSecrets(snapshot.collection, report)
    for (const entry of report.finish(collection).unmapped) notes.push(`${entry.item}: ${entry.reason}`)
    if (target === 'postman') {
      const exported = exportPostmanCollection(collection)
      notes.push(...exported.notes)
      if (collection.environments.length > 0) notes.push(`The collection's environments (${collection.environments.map((env) => env.name).join(', ')}) are not part of a Postman collection; create them in Postman.`)
      text = `${JSON.stringify(exported.document, null, 2)}\n`
    } else {
      text = exportOpenCollectionBundle(collection)
    }
  } catch (error) {
    io.err(`export: ${(error as Error).message}`)
    return 1
  }
  if (out) {
    try {
      const { default: writeFileAtomic } = await import('write-file-atomic')
      await writeFileAtomic(out, text, { encoding: 'utf8' })
    } catch (error) {
      io.err(`export: ${out} could not be written: ${(error as Error).message}`)
      return 1
    }
  } else io.out(text)
  for (const note of notes) io.err(`note: ${note}`)
  return 0
}
