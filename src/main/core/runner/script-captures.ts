// Imported Postman and Bruno test scripts are never run (the runner evaluates no JavaScript), but the few lines
// Adobe's own collections use to chain requests have a declarative meaning, and are read as such:
//
//   postman.setEnvironmentVariable("PROPERTY_ID", JSON.parse(responseBody).data.id);
//   var data = JSON.parse(responseBody); postman.setEnvironmentVariable("LIB", data.data.id);
//   pm.environment.set("RULE_ID", pm.response.json().data[0].id);
//   pm.collectionVariables.set("LOCATION", pm.response.headers.get("Location"));
//   bru.setVar("buildId", res.body.data.id);   bru.setVar("buildId", res.getBody().data.id);
//   tests["Status code is 200"] = responseCode.code === 200;
//   pm.test("Status code is 201", function () { pm.response.to.have.status(201); });
//
// Each becomes a capture (a JSONPath or header into a run variable) or a status assertion; whatever else the
// script holds is returned as the unrecognised remainder, which the runner reports as "not run".
import type { AssertionSpec, CaptureSpec } from './step-runtime'

export interface RecognisedScript {
  captures: CaptureSpec[]
  assertions: AssertionSpec[]
  /** Statements that were not recognised, trimmed (empty when the whole script was understood). */
  remainder: string[]
}

const IDENT = '[A-Za-z_$][\\w$]*'
const STRING = `(?:"((?:[^"\\\\]|\\\\.)*)"|'((?:[^'\\\\]|\\\\.)*)')`
/** `.name`, `[0]`, `["name"]` after a body expression. */
const CHAIN = `((?:\\s*\\.\\s*${IDENT}|\\s*\\[\\s*\\d+\\s*\\]|\\s*\\[\\s*(?:"[^"]*"|'[^']*')\\s*\\])*)`
const BODY_SOURCES = ['JSON\\.parse\\(\\s*responseBody\\s*\\)', 'pm\\.response\\.json\\(\\s*\\)', 'res\\.getBody\\(\\s*\\)', 'res\\.body']
const SETTERS = [
  'postman\\.setEnvironmentVariable',
  'postman\\.setGlobalVariable',
  'pm\\.environment\\.set',
  'pm\\.globals\\.set',
  'pm\\.collectionVariables\\.set',
  'pm\\.variables\\.set',
  'bru\\.setVar',
  'bru\\.setEnvVar',
  'bru\\.setGlobalEnvVar'
]
const HEADER_SOURCES = [
  `pm\\.response\\.headers\\.get\\(\\s*${STRING}\\s*\\)`,
  `postman\\.getResponseHeader\\(\\s*${STRING}\\s*\\)`,
  `res\\.getHeader\\(\\s*${STRING}\\s*\\)`
]
const STATUS_SOURCES = ['pm\\.response\\.code', 'responseCode\\.code', 'res\\.status', 'res\\.getStatus\\(\\s*\\)']

function unquote(double: string | undefined, single: string | undefined): string {
  const raw = double ?? single ?? ''
  return raw.replace(/\\(.)/g, '$1')
}

/** `.data[0]["a b"]` → `.data[0]['a b']` as JSONPath after `$`. */
function chainToJsonPath(chain: string): string {
  let out = '$'
  for (const match of chain.matchAll(new RegExp(`\\.\\s*(${IDENT})|\\[\\s*(\\d+)\\s*\\]|\\[\\s*(?:"([^"]*)"|'([^']*)')\\s*\\]`, 'g'))) {
    if (match[1] !== undefined) out += `.${match[1]}`
    else if (match[2] !== undefined) out += `[${match[2]}]`
    else out += `['${(match[3] ?? match[4] ?? '').replace(/'/g, "\\'")}']`
  }
  return out
}

function stripComments(code: string): string {
  // Line and block comments outside strings (good enough for the short scripts collections carry).
  return code.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:"'\\])\/\/.*$/gm, '$1')
}

/** Reads the declarative parts of one script. */
export function recogniseScript(code: string): RecognisedScript {
  const captures: CaptureSpec[] = []
  const assertions: AssertionSpec[] = []
  let text = stripComments(code)

  // `var data = JSON.parse(responseBody);` makes `data` another name for the body.
  const aliases = new Set<string>()
  text = text.replace(new RegExp(`\\b(?:var|let|const)\\s+(${IDENT})\\s*=\\s*(?:${BODY_SOURCES.join('|')})\\s*;?`, 'g'), (_whole, name: string) => {
    aliases.add(name)
    return ''
  })
  const bodySources = [...BODY_SOURCES, ...[...aliases].map((name) => `\\b${name.replace(/\$/g, '\\$')}`)]

  const setter = `(?:${SETTERS.join('|')})\\(\\s*${STRING}\\s*,\\s*`
  // A body value: setter("NAME", <body><chain>)
  text = text.replace(new RegExp(`${setter}(?:${bodySources.join('|')})${CHAIN}\\s*\\)\\s*;?`, 'g'), (_whole, d: string, s: string, chain: string) => {
    captures.push({ name: unquote(d, s), expression: chainToJsonPath(chain ?? ''), origin: 'script' })
    return ''
  })
  // A header value: setter("NAME", pm.response.headers.get("Location"))
  for (const source of HEADER_SOURCES) {
    text = text.replace(new RegExp(`${setter}${source}\\s*\\)\\s*;?`, 'g'), (_whole, d: string, s: string, hd: string, hs: string) => {
      captures.push({ name: unquote(d, s), expression: `res.headers.${unquote(hd, hs).toLowerCase()}`, origin: 'script' })
      return ''
    })
  }
  // The status: setter("NAME", pm.response.code)
  text = text.replace(new RegExp(`${setter}(?:${STATUS_SOURCES.join('|')})\\s*\\)\\s*;?`, 'g'), (_whole, d: string, s: string) => {
    captures.push({ name: unquote(d, s), expression: 'res.status', origin: 'script' })
    return ''
  })

  // tests["..."] = responseCode.code === 200;
  text = text.replace(new RegExp(`tests\\[\\s*${STRING}\\s*\\]\\s*=\\s*(?:${STATUS_SOURCES.join('|')})\\s*===?\\s*(\\d{3})\\s*;?`, 'g'), (_w, _d, _s, code: string) => {
    assertions.push({ expression: 'res.status', operator: 'eq', value: code, enabled: true })
    return ''
  })
  // pm.test("...", function () { pm.response.to.have.status(200); });   (arrow functions too)
  text = text.replace(
    new RegExp(`pm\\.test\\(\\s*${STRING}\\s*,\\s*(?:function\\s*\\(\\s*\\)|\\(\\s*\\)\\s*=>)\\s*\\{\\s*pm\\.response\\.to\\.have\\.status\\(\\s*(\\d{3})\\s*\\)\\s*;?\\s*\\}\\s*\\)\\s*;?`, 'g'),
    (_w, _d, _s, code: string) => {
      assertions.push({ expression: 'res.status', operator: 'eq', value: code, enabled: true })
      return ''
    }
  )

  const remainder = text
    .split(/[;\n]/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && line !== '}' && line !== ')' && line !== '});')
  return { captures, assertions, remainder }
}
