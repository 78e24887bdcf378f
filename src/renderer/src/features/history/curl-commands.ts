// cURL and code snippets as the renderer asks for them. Main parses (history:fromCurl, a real parser) and writes
// (history:toCurl, history:snippet); nothing here reads a command itself beyond "does it start with curl".
//
// The customer's credential in a pasted command never reaches the page: the paste is taken from the clipboard
// event before the URL field gets it, main drops Adobe's auth headers, and its errors name a line and column
// without quoting the command.
import type { ConvertedRequest, SnippetLanguage } from '@shared/ipc/history.contract'
import type { RequestSpec } from '@shared/requests/request-spec'
import type { VariableScopes } from '@shared/requests/variables'
import type { WindowApi } from '@shared/contract'
import { ApiError, api, unwrap } from '../../api/client'
import { writeClipboardText } from '../../ui/clipboard'

/** `curl …`, `curl.exe …` or a shell prompt's `$ curl …`, on one line or several. */
export function looksLikeCurl(text: string): boolean {
  return /^\s*(?:\$\s+)?curl(?:\.exe)?(?:\s|$)/i.test(text)
}

/** What an import changed and could not carry over, listed under the tab it opened. */
export interface ImportNotes {
  /** "Imported from cURL", "From the repro bundle, 12:04". */
  title: string
  /** The one line saying the profile's own credential is used instead of the command's. */
  authLine?: string
  notes: string[]
  unmapped: string[]
}

const AUTH_NOTE = /^Uses your profile's credential/

export function importNotes(title: string, converted: Pick<ConvertedRequest, 'notes' | 'unmapped'>): ImportNotes {
  const authLine = converted.notes.find((note) => AUTH_NOTE.test(note))
  return { title, ...(authLine ? { authLine } : {}), notes: converted.notes.filter((note) => note !== authLine), unmapped: converted.unmapped }
}

export function errorMessage(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error)
}

/** A cURL command as a request document with its notes; throws the parser's positioned error. */
export async function curlToRequest(text: string, profileId: string | undefined): Promise<ConvertedRequest> {
  return unwrap(api().curlToRequest({ text, ...(profileId ? { profileId } : {}) }))
}

/** The command with Adobe's placeholders ({ACCESS_TOKEN}, {API_KEY}, {ORG_ID}): safe on the page. */
export async function placeholderCurl(spec: RequestSpec, profileId: string | undefined, variables?: VariableScopes): Promise<string> {
  return (await unwrap(api().requestToCurl({ spec, ...(profileId ? { profileId } : {}), ...scopes(variables) }))).command
}

/** A collection tab's scopes (main leaves its secret variables as placeholders). */
function scopes(variables: VariableScopes | undefined): { variables?: Parameters<WindowApi['requestToCurl']>[0]['variables'] } {
  return variables ? { variables: variables as Parameters<WindowApi['requestToCurl']>[0]['variables'] } : {}
}

export type CopyOutcome = { ok: true; message: string } | { ok: false; message: string; command?: string }


/**
 * "Copy as cURL": the placeholder form, which holds no secret, written by the page. With real values the
 * command is built and written to the clipboard by main only (history:copyCurl); it never comes back here, and
 * browser mode, where main cannot reach the clipboard, answers with a sentence saying so.
 */
export async function copyCurl(spec: RequestSpec, profileId: string | undefined, withRealValues: boolean, variables?: VariableScopes): Promise<CopyOutcome> {
  if (withRealValues) {
    try {
      await unwrap(api().copyRequestAsCurl({ spec, ...(profileId ? { profileId } : {}), ...scopes(variables), withRealValues: true }))
      return { ok: true, message: "Copied as cURL with your profile's real token, client id and org id. Paste it only where a token may go." }
    } catch (error) {
      return { ok: false, message: errorMessage(error) }
    }
  }
  let command: string
  try {
    command = await placeholderCurl(spec, profileId, variables)
  } catch (error) {
    return { ok: false, message: errorMessage(error) }
  }
  if (await writeClipboardText(command)) return { ok: true, message: 'Copied as cURL, with {ACCESS_TOKEN}, {API_KEY} and {ORG_ID} where your credential goes.' }
  return { ok: false, message: 'The clipboard could not be written from here; the command is shown instead, ready to select and copy.', command }
}

export async function snippet(spec: RequestSpec, profileId: string | undefined, language: SnippetLanguage, variables?: VariableScopes): Promise<string> {
  return (await unwrap(api().requestSnippet({ spec, language, ...(profileId ? { profileId } : {}), ...scopes(variables) }))).code
}

