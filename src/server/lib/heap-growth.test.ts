import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const churn = path.resolve(import.meta.dirname, '../../../test/fixtures/heap-growth/churn.ts')
const peakOf = (...args: string[]): number =>
  JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', churn, ...args], { encoding: 'utf8' }))
    .peakMiB

describe('boundHeapGrowth', () => {
  it('keeps a heap that allocates fast well below where V8 would let it grow', () => {
    const free = peakOf()
    const bounded = peakOf('bounded')
    // measured 337 against 218 MiB on Node 20; V8's own choice varies, the bound's effect is large
    expect(bounded).toBeLessThan(free * 0.8)
  }, 60_000)
})
