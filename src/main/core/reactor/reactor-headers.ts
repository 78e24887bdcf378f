// Reactor's header conventions (reactor-api.md §3.2): the JSON:API media type with a revision on Accept, and
// the JSON:API media type on bodies. Applied only when the user did not set the header themselves.

import { REACTOR_ACCEPT, REACTOR_CONTENT_TYPE } from '../../../shared/requests/request-spec'

export { REACTOR_ACCEPT, REACTOR_CONTENT_TYPE }

/** Adobe's production and stage Reactor hosts, for requests sent without a profile. */
const KNOWN_REACTOR_HOSTS = new Set(['reactor.adobe.io', 'reactor-stage.adobe.io', 'reactor-dev.adobe.io'])

export function isKnownReactorHost(url: URL): boolean {
  return url.protocol === 'https:' && KNOWN_REACTOR_HOSTS.has(url.hostname.toLowerCase())
}

/** Header rows to add (name, value) given what the user already set (lower-cased names) and whether a body goes. */
export function reactorDefaultHeaders(userHeaderNames: ReadonlySet<string>, hasBody: boolean): Array<[string, string]> {
  const out: Array<[string, string]> = []
  if (!userHeaderNames.has('accept')) out.push(['Accept', REACTOR_ACCEPT])
  if (hasBody && !userHeaderNames.has('content-type')) out.push(['Content-Type', REACTOR_CONTENT_TYPE])
  return out
}
