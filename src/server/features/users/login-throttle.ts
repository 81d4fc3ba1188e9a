/**
 * Slows down password guessing: after 10 failed sign-ins for one e-mail address within 15 minutes,
 * further attempts for it are refused until the window has passed (callers may pass other limits).
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>()

  constructor(
    private readonly clock: () => Date,
    private readonly limit = 10,
    private readonly windowMs = 15 * 60_000,
  ) {}

  isBlocked(keys: readonly string[], limit = this.limit): boolean {
    const now = this.clock().getTime()
    return keys.some((k) => this.recent(k, now).length >= limit)
  }

  recordFailure(keys: readonly string[]): void {
    const now = this.clock().getTime()
    for (const k of keys) this.failures.set(k, [...this.recent(k, now), now])
  }

  reset(keys: readonly string[]): void {
    for (const k of keys) this.failures.delete(k)
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs)
  }
}
