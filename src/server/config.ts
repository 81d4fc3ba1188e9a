import path from 'node:path'
import { z } from 'zod'

/**
 * The only reader of process.env. Parsed once with zod and frozen; everything else receives the
 * resulting object.
 */
const envSchema = z.object({
  WINBACK_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  WINBACK_HOST: z.string().default('127.0.0.1'),
  WINBACK_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  WINBACK_DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
  WINBACK_TIME_ZONE: z.string().default('Europe/Berlin'),
  WINBACK_SECURE_COOKIES: z.enum(['auto', 'on', 'off']).default('auto'),
  /** addresses of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed */
  WINBACK_TRUSTED_PROXIES: z.string().default(''),
  WINBACK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WINBACK_WEB_DIR: z.string().default('./dist/web'),
  /** where people reach winback from outside (links in e-mails); default http://localhost:PORT */
  WINBACK_PUBLIC_URL: z.string().url().optional(),
  /** 32 bytes, base64: encrypts stored secrets (the SMTP password); default a key file in the data folder */
  WINBACK_SECRET_KEY: z.string().optional(),
  /** the SMTP password, instead of storing it (encrypted) in the settings */
  WINBACK_SMTP_PASSWORD: z.string().optional(),
  /** the password of the bounce mailbox (IMAP), instead of storing it (encrypted) in the settings */
  WINBACK_IMAP_PASSWORD: z.string().optional(),
})

export type DatabaseConfig =
  /** writeWaitMs: how long a write waits for another connection's (default 10 s) */
  { dialect: 'sqlite'; file: string; writeWaitMs?: number } | { dialect: 'postgres'; url: string }

export interface Config {
  readonly port: number
  readonly host: string
  readonly dataDir: string
  readonly database: DatabaseConfig
  /** auto: load the demo company on first start of an empty database. */
  readonly demo: 'auto' | 'on' | 'off'
  readonly timeZone: string
  readonly secureCookies: 'auto' | 'on' | 'off'
  readonly trustedProxies: readonly string[]
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  readonly webDir: string
  readonly publicUrl: string
  readonly secretKey: string | null
  readonly smtpPassword: string | null
  readonly imapPassword: string | null
}

export function databaseConfigFrom(url: string | undefined, dataDir: string): DatabaseConfig {
  if (url && /^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', url }
  if (url?.startsWith('sqlite:')) return { dialect: 'sqlite', file: url.slice('sqlite:'.length) }
  if (url) return { dialect: 'sqlite', file: url }
  return { dialect: 'sqlite', file: path.join(dataDir, 'winback.sqlite') }
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Config> = {},
): Config {
  const parsed = envSchema.parse(env)
  const dataDir = path.resolve(parsed.WINBACK_DATA_DIR)
  return Object.freeze({
    port: parsed.WINBACK_PORT,
    host: parsed.WINBACK_HOST,
    dataDir,
    database: databaseConfigFrom(parsed.DATABASE_URL, dataDir),
    demo: parsed.WINBACK_DEMO,
    timeZone: parsed.WINBACK_TIME_ZONE,
    secureCookies: parsed.WINBACK_SECURE_COOKIES,
    trustedProxies: Object.freeze(
      parsed.WINBACK_TRUSTED_PROXIES.split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    ),
    logLevel: parsed.WINBACK_LOG_LEVEL,
    webDir: path.resolve(parsed.WINBACK_WEB_DIR),
    publicUrl: (parsed.WINBACK_PUBLIC_URL ?? `http://localhost:${parsed.WINBACK_PORT}`).replace(/\/+$/, ''),
    secretKey: parsed.WINBACK_SECRET_KEY ?? null,
    smtpPassword: parsed.WINBACK_SMTP_PASSWORD ?? null,
    imapPassword: parsed.WINBACK_IMAP_PASSWORD ?? null,
    ...overrides,
  })
}
