/**
 * Slows down password guessing without locking out the innocent. Failed sign-ins are counted per
 * account, per account from one address, and per address; past a free allowance each further failure
 * doubles the wait before the next attempt of that kind (up to 15 minutes). A person who signed in
 * from an address before is not held up by the failures of others there: a script trying random
 * e-mails behind an office's or a reverse proxy's address slows itself, not everyone behind it.
 */
export interface ThrottleLimits {
  /** failures allowed before waits start: for one account from one address */
  pair: number
  /** for one account from anywhere (guessing spread over many addresses) */
  account: number
  /** from one address, for any account */
  client: number
}

const DEFAULT_LIMITS: ThrottleLimits = { pair: 5, account: 20, client: 100 }
const MAX_WAIT_MS = 15 * 60_000
const FORGET_AFTER_MS = 60 * 60_000
const TRUSTED_FOR_MS = 30 * 24 * 60 * 60_000

interface Failures {
  count: number
  last: number
}

export class LoginThrottle {
  private readonly failures = new Map<string, Failures>()
  /** account|address pairs that signed in successfully, and when */
  private readonly trusted = new Map<string, number>()

  constructor(
    private readonly clock: () => Date,
    private readonly limits: ThrottleLimits = DEFAULT_LIMITS,
  ) {}

  /** Milliseconds to wait before this account may try again from this address; 0 when it may now. */
  waitMs(email: string, client: string): number {
    const now = this.clock().getTime()
    const waits = [
      this.wait(`pair:${client}|${email}`, this.limits.pair, now),
      this.wait(`account:${email}`, this.limits.account, now),
    ]
    if (!this.isTrusted(email, client, now))
      waits.push(this.wait(`client:${client}`, this.limits.client, now))
    return Math.max(...waits)
  }

  recordFailure(email: string, client: string): void {
    const now = this.clock().getTime()
    for (const key of [`pair:${client}|${email}`, `account:${email}`, `client:${client}`]) {
      const current = this.current(key, now)
      this.failures.set(key, { count: (current?.count ?? 0) + 1, last: now })
    }
  }

  recordSuccess(email: string, client: string): void {
    this.failures.delete(`pair:${client}|${email}`)
    this.failures.delete(`account:${email}`)
    this.trusted.set(`${client}|${email}`, this.clock().getTime())
  }

  private isTrusted(email: string, client: string, now: number): boolean {
    const since = this.trusted.get(`${client}|${email}`)
    return since !== undefined && now - since < TRUSTED_FOR_MS
  }

  private wait(key: string, allowance: number, now: number): number {
    const f = this.current(key, now)
    if (!f || f.count < allowance) return 0
    const wait = Math.min(MAX_WAIT_MS, 1000 * 2 ** (f.count - allowance))
    return Math.max(0, f.last + wait - now)
  }

  /** Failures are forgotten an hour after the last one. */
  private current(key: string, now: number): Failures | undefined {
    const f = this.failures.get(key)
    if (f && now - f.last >= FORGET_AFTER_MS) {
      this.failures.delete(key)
      return undefined
    }
    return f
  }
}
