// @usebruno/lang ships no typings; these are the parts the Bruno importer calls (v2 parsers of Bru Lang).
declare module '@usebruno/lang' {
  /** A request `.bru` file as Bruno's JSON (meta, http, params, headers, auth, body, vars, assertions, script, tests, docs, settings). */
  export function bruToJsonV2(text: string): Record<string, unknown>
  /** An `environments/*.bru` file: `{ variables: [{ name, value, enabled, secret }] }`. */
  export function bruToEnvJsonV2(text: string): Record<string, unknown>
  /** `collection.bru` or `folder.bru`: meta, headers, auth { mode }, vars, script, tests, docs. */
  export function collectionBruToJson(text: string): Record<string, unknown>
}
