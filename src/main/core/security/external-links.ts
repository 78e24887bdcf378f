/** Hosts whose pages the app may open in the system browser: Adobe's documentation and console. */
export const EXTERNAL_LINK_HOSTS = ['developer.adobe.com', 'experienceleague.adobe.com', 'adminconsole.adobe.com']

/**
 * Whether `rawUrl` may be handed to the system browser. Response bodies and pasted text are untrusted,
 * so only https links to an allow-listed host, compared on the parsed hostname (never a prefix match).
 */
export function isAllowedExternalUrl(rawUrl: string): boolean {
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    return false
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && EXTERNAL_LINK_HOSTS.includes(url.hostname)
}
