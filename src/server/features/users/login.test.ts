import { beforeEach, describe, expect, it, vi } from 'vitest'

const verified: string[] = []
vi.mock('./password', () => ({
  hashPassword: async (p: string) => `hash-of-${p.length}`,
  verifyPassword: async (hash: string, password: string) => {
    verified.push(hash)
    return hash === 'hash-of-known' && password === 'right'
  },
}))
vi.mock('./user.repository', () => ({
  findUserByEmail: async (_db: unknown, email: string) =>
    email === 'known@example.de'
      ? {
          id: 1,
          email,
          name: 'K',
          role: 'rep',
          locale: 'de',
          password_hash: 'hash-of-known',
          disabled_at: null,
        }
      : undefined,
}))

const { login } = await import('./login')
const { LoginThrottle } = await import('./login-throttle')

describe('login', () => {
  const options = (email: string, password: string) => ({
    db: { kysely: {} } as never,
    sessions: { create: async () => ({ token: 't', expiresAt: new Date() }) } as never,
    throttle: new LoginThrottle(() => new Date('2026-06-30T10:00:00Z')),
    email,
    password,
    client: '10.0.0.1',
    userAgent: null,
  })
  beforeEach(() => {
    verified.length = 0
  })

  it('hashes a password for an unknown e-mail too: no answer comes faster for an account that does not exist', async () => {
    await expect(login(options('nobody@example.de', 'wrong'))).rejects.toMatchObject({
      code: 'invalid_credentials',
    })
    await expect(login(options('known@example.de', 'wrong'))).rejects.toMatchObject({
      code: 'invalid_credentials',
    })
    expect(verified).toHaveLength(2)
    expect(verified[0]).not.toBe('hash-of-known')
    await expect(login(options('known@example.de', 'right'))).resolves.toMatchObject({ user: { id: 1 } })
  })
})
