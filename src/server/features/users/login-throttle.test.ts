import { describe, expect, it } from 'vitest'
import { LoginThrottle } from './login-throttle'

function throttleAt(start = Date.parse('2026-06-30T10:00:00Z')) {
  let now = start
  const throttle = new LoginThrottle(() => new Date(now))
  return { throttle, advance: (ms: number) => (now += ms) }
}

describe('LoginThrottle', () => {
  it('lets five wrong passwords pass, then makes each further try wait twice as long', () => {
    const { throttle, advance } = throttleAt()
    for (let i = 0; i < 5; i++) {
      expect(throttle.waitMs('ana@example.de', '10.0.0.1')).toBe(0)
      throttle.recordFailure('ana@example.de', '10.0.0.1')
    }
    expect(throttle.waitMs('ana@example.de', '10.0.0.1')).toBe(1000)
    advance(1000)
    throttle.recordFailure('ana@example.de', '10.0.0.1')
    expect(throttle.waitMs('ana@example.de', '10.0.0.1')).toBe(2000)
    for (let i = 0; i < 20; i++) throttle.recordFailure('ana@example.de', '10.0.0.1')
    expect(throttle.waitMs('ana@example.de', '10.0.0.1')).toBe(15 * 60_000)
    // an hour after the last failure it is forgotten
    advance(60 * 60_000)
    expect(throttle.waitMs('ana@example.de', '10.0.0.1')).toBe(0)
  })

  it('a script trying random e-mails from one address slows only itself, not the people who sign in there', () => {
    const { throttle } = throttleAt()
    throttle.recordSuccess('bea@example.de', '10.0.0.9')
    for (let i = 0; i < 150; i++) throttle.recordFailure(`random${i}@example.de`, '10.0.0.9')
    expect(throttle.waitMs('random151@example.de', '10.0.0.9')).toBeGreaterThan(0)
    // Bea signed in from there before: she is not held up
    expect(throttle.waitMs('bea@example.de', '10.0.0.9')).toBe(0)
    // others elsewhere never were
    expect(throttle.waitMs('random151@example.de', '10.0.0.10')).toBe(0)
  })

  it('guessing one account from many addresses slows that account', () => {
    const { throttle } = throttleAt()
    for (let i = 0; i < 20; i++) throttle.recordFailure('chef@example.de', `10.1.0.${i}`)
    expect(throttle.waitMs('chef@example.de', '10.1.0.200')).toBe(1000)
    throttle.recordSuccess('chef@example.de', '10.1.0.200')
    expect(throttle.waitMs('chef@example.de', '10.1.0.200')).toBe(0)
  })
})
