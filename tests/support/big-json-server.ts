import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A JSON:API list of rules about `bytes` long: each item has links, relationships and a `settings` JSON
 * string, like real Reactor rule components. Deterministic, so runs compare.
 */
export function bigJsonApiDocument(bytes: number, baseUrl = 'https://reactor.adobe.io'): string {
  const items: string[] = []
  let size = 0
  for (let i = 0; size < bytes; i++) {
    const id = `RL${i.toString(16).padStart(32, '0')}`
    const item = JSON.stringify({
      id,
      type: 'rules',
      attributes: {
        name: `Rule ${i} — page view ${i % 97}`,
        enabled: i % 3 !== 0,
        created_at: '2024-05-01T10:00:00.000Z',
        revision_number: i % 7,
        settings: JSON.stringify({ source: `console.log(${i})`, language: 'javascript', global: false })
      },
      relationships: {
        property: { links: { related: `${baseUrl}/rules/${id}/property` }, data: { id: 'PR0001', type: 'properties' } },
        rule_components: { links: { related: `${baseUrl}/rules/${id}/rule_components` } }
      },
      links: { self: `${baseUrl}/rules/${id}`, property: `${baseUrl}/properties/PR0001` },
      meta: { latest_revision_number: i % 7 }
    })
    items.push(item)
    size += item.length + 1
  }
  return `{"data":[${items.join(',')}],"meta":{"pagination":{"current_page":1,"next_page":null,"prev_page":null,"total_pages":1,"total_count":${items.length}}}}`
}

export interface BigJsonServer {
  url(bytes: number): string
  close(): Promise<void>
}

/** Serves `/big?bytes=N` (cached per size) on 127.0.0.1: a route with a large JSON:API body. */
export async function startBigJsonServer(): Promise<BigJsonServer> {
  const cache = new Map<number, Buffer>()
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const bytes = Number(url.searchParams.get('bytes') ?? 1_000_000)
    let body = cache.get(bytes)
    if (!body) {
      body = Buffer.from(bigJsonApiDocument(bytes))
      cache.set(bytes, body)
    }
    response.writeHead(200, { 'content-type': 'application/vnd.api+json', 'content-length': body.length, 'x-request-id': `big-${bytes}` })
    response.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: (bytes) => `http://127.0.0.1:${port}/big?bytes=${bytes}`,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}
