// Facts about Adobe's environments shared by main (which decides the real hosts), the renderer (which shows
// them) and the sandbox (which imitates them). Sources: reference reactor-api.md §1.1, §1.3, §3.1.

/** IMS and Reactor of one environment go together: a stage token is not valid on production Reactor. */
export const ENVIRONMENT_PRESETS = {
  production: { label: 'Production', imsBaseUrl: 'https://ims-na1.adobelogin.com', reactorBaseUrl: 'https://reactor.adobe.io' },
  stage: { label: 'Stage', imsBaseUrl: 'https://ims-na1-stg1.adobelogin.com', reactorBaseUrl: 'https://reactor-stage.adobe.io' }
} as const

/** Adobe's documented scope list for a Reactor API credential (SDK .env.example, reactor-uploader default). */
export const DEFAULT_REACTOR_SCOPES: readonly string[] = [
  'AdobeID',
  'openid',
  'read_organizations',
  'additional_info.job_function',
  'additional_info.projectedProductContext',
  'additional_info.roles'
]

/** An IMS Organization ID: letters and digits, then @AdobeOrg. */
export const ORG_ID_PATTERN = /^[A-Za-z0-9]+@AdobeOrg$/
