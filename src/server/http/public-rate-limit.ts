import { createMiddleware } from 'hono/factory'
import type { AppEnv } from './app-env'
import { clientOf } from './client-info'

/**
 * A fixed window per client address for the public pages (unsubscribe, survey): enough for a
 * person, too little to walk through tokens. In memory: the pages need no state beyond it.
 */
export function publicRateLimit(perMinute = 30) {
  const windows = new Map<string, { start: number; count: number }>()
  return createMiddleware<AppEnv>(async (c, next) => {
    const now = c.get('deps').clock().getTime()
    const key = clientOf(c).address
    const w = windows.get(key)
    if (!w || now - w.start >= 60_000) windows.set(key, { start: now, count: 1 })
    else if (++w.count > perMinute) {
      c.header('Retry-After', String(Math.ceil((w.start + 60_000 - now) / 1000)))
      return c.text('Too many requests / Zu viele Anfragen', 429)
    }
    if (windows.size > 10_000) for (const [k, v] of windows) if (now - v.start >= 60_000) windows.delete(k)
    return next()
  })
}
