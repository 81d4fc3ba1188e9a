import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import type { AppEnv } from './app-env'

/** IPv4 addresses as Node reports them on a dual-stack socket ("::ffff:127.0.0.1"). */
function plain(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address
}

function peerAddress(c: Context<AppEnv>): string {
  try {
    return plain(getConnInfo(c).remote.address ?? 'unknown')
  } catch {
    return 'unknown'
  }
}

/**
 * Who is asking, and over which protocol. Behind a reverse proxy every request comes from the proxy:
 * only when the connection comes from a proxy named in WINBACK_TRUSTED_PROXIES are its
 * X-Forwarded-For (the nearest address it did not add itself) and X-Forwarded-Proto believed; anyone
 * else could send those headers to pose as someone else.
 */
export function clientOf(c: Context<AppEnv>): { address: string; protocol: 'http' | 'https' } {
  const trusted = c.get('deps').config.trustedProxies
  const peer = peerAddress(c)
  const ownProtocol = new URL(c.req.url).protocol === 'https:' ? 'https' : 'http'
  if (!trusted.includes(peer)) return { address: peer, protocol: ownProtocol }
  const hops = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((a) => plain(a.trim()))
    .filter(Boolean)
  let address = peer
  for (let i = hops.length - 1; i >= 0; i--) {
    address = hops[i]!
    if (!trusted.includes(address)) break
  }
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
  return { address, protocol: forwarded === 'https' ? 'https' : forwarded === 'http' ? 'http' : ownProtocol }
}
