import { describe, expect, it } from 'vitest'
import { patchedSearch } from './useUrlParams'

const defaults = { status: 'lost', sort: 'net_value', segment: null as string | null, shown: 50 }

describe('patchedSearch', () => {
  it('changes only the keys patched and keeps the others as the URL has them', () => {
    // "show more" right after the sort changed: the sort in the URL stays
    const next = patchedSearch('?sort=ease&status=at_risk', defaults, { shown: 100 })
    expect(next.get('sort')).toBe('ease')
    expect(next.get('status')).toBe('at_risk')
    expect(next.get('shown')).toBe('100')
  })

  it('leaves values equal to their default and null out of the URL', () => {
    const next = patchedSearch('?sort=ease&segment=A&shown=100', defaults, {
      sort: 'net_value',
      segment: null,
      shown: 50,
    })
    expect(next.toString()).toBe('')
  })

  it('keeps keys the page does not own and ignores patched keys it does not know', () => {
    const next = patchedSearch('?tab=2', defaults, { segment: 'B', other: 'x' } as Partial<typeof defaults>)
    expect(Object.fromEntries(next)).toEqual({ tab: '2', segment: 'B' })
  })

  it('writes numbers as text and leaves keys patched as undefined alone', () => {
    const next = patchedSearch('?shown=150', defaults, { shown: undefined, status: 'all' })
    expect(Object.fromEntries(next)).toEqual({ shown: '150', status: 'all' })
  })
})
