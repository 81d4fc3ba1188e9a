import type { Context } from 'hono'
import type { Actor } from '../lib/actor'
import { companyToday } from '../lib/clock'
import type { AppEnv } from './app-env'

/** The signed-in user, now, and the company's today: the actor of a request. */
export function actorOf(c: Context<AppEnv>): Actor {
  const deps = c.get('deps')
  return {
    userId: c.get('user').id,
    now: deps.clock().toISOString(),
    today: companyToday(deps.clock, deps.config.timeZone),
  }
}
