// Per-request cost of our executor (URL building, header policy, deadline, body reading and decoding, timing)
// against plain undici.request, both against the same loopback server, interleaved so drift hits both
// equally: a warm-up of 50 each, then BENCH_N (default 1,000) of each, alternating who goes first. Neither
// parses the JSON (main leaves that to the renderer's body worker since issue 12).
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Agent, request } from 'undici'
import { BodyStore } from '../src/main/core/http/body-store'
import { HttpExecutor, type HttpSendInput } from '../src/main/core/http/executor'
import { createNoProfilesProvider } from '../src/main/core/http/no-profiles-provider'
import { percentile, round, type BenchModule, type GoalRow, type Row } from './types'

const WARMUP = 50
const N = Number(process.env.BENCH_N ?? 1000)
// Goals of issue 12: the executor's median within 10% of bare undici's at 1 KB, 15% at 100 KB.
const SIZES = [
  { label: '1 KB JSON', bytes: 1024, goal: 1.1 },
  { label: '100 KB JSON', bytes: 100 * 1024, goal: 1.15 }
]

function jsonOf(bytes: number): string {
  const item = JSON.stringify({ id: 'RL0123456789abcdef0123456789abcdef', type: 'rules', attributes: { name: 'x'.repeat(40) } })
  const count = Math.max(1, Math.floor(bytes / (item.length + 1)))
  return JSON.stringify({ data: Array.from({ length: count }, () => JSON.parse(item)) })
}

const bench: BenchModule = {
  name: 'executor',
  async run() {
    const bodies = new Map(SIZES.map((size) => [size.bytes, jsonOf(size.bytes)]))
    const server = createServer((req, res) => {
      const bytes = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('bytes'))
      const body = bodies.get(bytes) ?? '{}'
      res.writeHead(200, { 'content-type': 'application/vnd.api+json', 'x-request-id': 'bench' })
      res.end(body)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const dir = await mkdtemp(join(tmpdir(), 'rx-bench-'))
    const store = new BodyStore(join(dir, 'bodies'))
    const executor = new HttpExecutor({ provider: createNoProfilesProvider(), bodies: store })
    const agent = new Agent()
    const details: Row[] = []
    const rows: GoalRow[] = []
    try {
      for (const size of SIZES) {
        const url = `${base}/bench?bytes=${size.bytes}`
        const input: HttpSendInput = { requestId: 'bench', method: 'GET', url, query: [], headers: [], options: {} }
        const ours = async () => {
          const res = await executor.send(input)
          if (res.status !== 200) throw new Error(`status ${res.status}`)
        }
        const plain = async () => {
          const res = await request(url, { dispatcher: agent })
          await res.body.text()
        }
        const time = async (fn: () => Promise<void>) => {
          const start = performance.now()
          await fn()
          return performance.now() - start
        }
        for (let i = 0; i < WARMUP; i++) {
          await ours()
          await plain()
        }
        const a: number[] = []
        const b: number[] = []
        for (let i = 0; i < N; i++) {
          // Alternate who goes first so neither always benefits from a warm socket or cache.
          if (i % 2 === 0) {
            a.push(await time(ours))
            b.push(await time(plain))
          } else {
            b.push(await time(plain))
            a.push(await time(ours))
          }
        }
        a.sort((x, y) => x - y)
        b.sort((x, y) => x - y)
        const row = (who: string, values: number[]): Row => ({
          case: `${size.label} · ${who} (ms)`,
          n: values.length,
          median: round(percentile(values, 50)),
          p95: round(percentile(values, 95))
        })
        details.push(row('executor', a), row('undici.request', b))
        details.push({
          case: `${size.label} · executor ÷ undici (×)`,
          n: N,
          median: round(percentile(a, 50) / percentile(b, 50), 2),
          p95: round(percentile(a, 95) / percentile(b, 95), 2)
        })
        rows.push({
          benchmark: `executor vs undici.request · ${size.label} · median (ms)`,
          ours: round(percentile(a, 50), 4),
          peer: round(percentile(b, 50), 4),
          goal: { of: 'ratio', atMost: size.goal },
          note: `${N} of each, interleaved, after ${WARMUP} warm-up; loopback server in the same process`
        })
      }
    } finally {
      await executor.dispose()
      await agent.close()
      await store.dispose()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await rm(dir, { recursive: true, force: true })
    }
    return { rows, details }
  }
}

export default bench
