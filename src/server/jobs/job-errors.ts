/** A job that must wait (the rate limit) without counting as a failed attempt. */
export class DeferJob extends Error {
  constructor(readonly delayMs: number) {
    super(`deferred by ${delayMs} ms`)
  }
}

/** A job that failed for good: retrying would not help. */
export class PermanentJobError extends Error {}
