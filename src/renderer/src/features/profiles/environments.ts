import type { EnvironmentId } from '@shared/contract'
import { DEFAULT_REACTOR_SCOPES, ENVIRONMENT_PRESETS, ORG_ID_PATTERN } from '@shared/reactor-environments'

// Display helpers; main decides the real hosts from the same shared presets.
export const ENV_LABELS: Record<EnvironmentId, string> = {
  production: 'Production',
  stage: 'Stage',
  sandbox: 'Sandbox',
  custom: 'Custom hosts'
}

const hostOf = (url: string) => new URL(url).host

export const PRESET_HOSTS = {
  production: { ims: hostOf(ENVIRONMENT_PRESETS.production.imsBaseUrl), reactor: hostOf(ENVIRONMENT_PRESETS.production.reactorBaseUrl) },
  stage: { ims: hostOf(ENVIRONMENT_PRESETS.stage.imsBaseUrl), reactor: hostOf(ENVIRONMENT_PRESETS.stage.reactorBaseUrl) }
}

export const DEFAULT_SCOPES: string[] = [...DEFAULT_REACTOR_SCOPES]

export { ORG_ID_PATTERN }

export function orgIdProblem(value: string): string | undefined {
  const trimmed = value.trim()
  if (!trimmed) return 'Required. Copy it from Developer Console (it ends in @AdobeOrg).'
  if (!/@AdobeOrg$/.test(trimmed)) return 'An Org ID ends in @AdobeOrg, e.g. 1234567890ABCDEF12345678@AdobeOrg.'
  if (!ORG_ID_PATTERN.test(trimmed)) return 'Only letters and digits before @AdobeOrg.'
  return undefined
}

/** Loopback hosts: the Sandbox and local mocks answer plain http there, so http:// is offered beside https://. */
const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?(?:\/|$)/i

/**
 * A custom host typed without a scheme ("reactor.example.com"): the form asks which one was meant instead of
 * guessing https (a guessed https to a plain-http loopback mock then failed as a "TLS" problem in the doctor).
 * Undefined when the field is empty or already names a scheme.
 */
export function schemeSuggestions(value: string): string[] | undefined {
  const trimmed = value.trim()
  if (!trimmed || /^[a-z][a-z\d+.-]*:\/\//i.test(trimmed)) return undefined
  const host = trimmed.replace(/^\/+/, '')
  return LOOPBACK_HOST.test(host) ? [`https://${host}`, `http://${host}`] : [`https://${host}`]
}
