import { describe, expect, it } from 'vitest'
import { CollectionRunner, type RunnerDeps } from '../../../src/main/core/runner/collection-runner'
import { collection, folder, request } from './helpers'

// The CLI and runner:start check a selection (plan) before anything is sent, then run it: the plan is made
// once per collection document and selection, and made again for anything else.
describe('CollectionRunner.plan', () => {
  const runner = new CollectionRunner({} as RunnerDeps)
  const reads = collection([folder('reads', [request('reads/one.yml', { method: 'GET', url: '/companies' }), request('reads/two.yml', { method: 'GET', url: '/companies?x=1' })]), request('top.yml', { method: 'GET', url: '/top' })])

  it('gives the same plan for the same collection and selection', () => {
    const first = runner.plan(reads, { folder: 'reads' })
    expect(first.steps.map((step) => step.item.path)).toEqual(['reads/one.yml', 'reads/two.yml'])
    expect(runner.plan(reads, { folder: 'reads' })).toBe(first)
  })

  it('plans again for another selection or another collection document', () => {
    const folderPlan = runner.plan(reads, { folder: 'reads' })
    const whole = runner.plan(reads)
    expect(whole).not.toBe(folderPlan)
    expect(whole.steps.map((step) => step.item.path)).toEqual(['reads/one.yml', 'reads/two.yml', 'top.yml'])
    const picked = runner.plan(reads, { requestPaths: ['top.yml'] })
    expect(picked.steps.map((step) => step.item.path)).toEqual(['top.yml'])
    const edited = { ...reads, items: reads.items.slice(1) }
    expect(runner.plan(edited).steps.map((step) => step.item.path)).toEqual(['top.yml'])
  })

  it('still refuses a folder that does not exist, every time', () => {
    expect(() => runner.plan(reads, { folder: 'nope' })).toThrow(/has no folder "nope"/)
    expect(() => runner.plan(reads, { folder: 'nope' })).toThrow(/has no folder "nope"/)
  })
})
