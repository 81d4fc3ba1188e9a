import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'

/**
 * The winback server as a user starts it (`bin/winback.js serve`) for the benchmarks that measure
 * it over HTTP on loopback, with its own environment; resolves once it answers.
 */
export async function startBenchServer(
  env: Record<string, string>,
): Promise<{ base: string; server: ChildProcess }> {
  const root = path.resolve(import.meta.dirname, '..')
  const server = spawn(process.execPath, [path.join(root, 'bin/winback.js'), 'serve'], {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, ...env },
  })
  const base = `http://127.0.0.1:${env.WINBACK_PORT}`
  for (let i = 0; i < 1200; i++) {
    // the API answers 401 without a session: that is "up"
    const up = await fetch(`${base}/api/auth/me`).then(
      (r) => r.status === 401,
      () => false,
    )
    if (up) return { base, server }
    await new Promise((r) => setTimeout(r, 250))
  }
  server.kill('SIGTERM')
  throw new Error('the server did not start')
}

/** Signs in and returns the session cookie. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (res.status !== 200) throw new Error(`sign-in: ${res.status}`)
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!
}

/** The value at fraction p of sorted numbers. */
export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0
