// A tiny seeded PRNG (mulberry32): the sandbox must hand out the same ids and data for the same seed on
// every machine, which Math.random and crypto cannot promise.
export type Prng = () => number

export function createPrng(seed: number): Prng {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function randomHex(prng: Prng, length: number): string {
  let out = ''
  while (out.length < length) out += Math.floor(prng() * 0x100000000).toString(16).padStart(8, '0')
  return out.slice(0, length)
}

export function randomInt(prng: Prng, min: number, maxInclusive: number): number {
  return min + Math.floor(prng() * (maxInclusive - min + 1))
}

export function pick<T>(prng: Prng, items: readonly T[]): T {
  return items[Math.floor(prng() * items.length)] as T
}
