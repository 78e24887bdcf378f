import type { EnvironmentId } from '@shared/contract'

// Mirrors src/main/core/profiles/environments.ts for display; main decides the real hosts.
export const ENV_LABELS: Record<EnvironmentId, string> = {
  production: 'Production',
  stage: 'Stage',
  sandbox: 'Sandbox',
  custom: 'Custom hosts'
}

export const PRESET_HOSTS = {
  production: { ims: 'ims-na1.adobelogin.com', reactor: 'reactor.adobe.io' },
  stage: { ims: 'ims-na1-stg1.adobelogin.com', reactor: 'reactor-stage.adobe.io' }
}

export const DEFAULT_SCOPES = [
  'AdobeID',
  'openid',
  'read_organizations',
  'additional_info.job_function',
  'additional_info.projectedProductContext',
  'additional_info.roles'
]

export const ORG_ID_PATTERN = /^[A-Za-z0-9]+@AdobeOrg$/

export function orgIdProblem(value: string): string | undefined {
  const trimmed = value.trim()
  if (!trimmed) return 'Required. Copy it from Developer Console (it ends in @AdobeOrg).'
  if (!/@AdobeOrg$/.test(trimmed)) return 'An Org ID ends in @AdobeOrg, e.g. 1234567890ABCDEF12345678@AdobeOrg.'
  if (!ORG_ID_PATTERN.test(trimmed)) return 'Only letters and digits before @AdobeOrg.'
  return undefined
}
