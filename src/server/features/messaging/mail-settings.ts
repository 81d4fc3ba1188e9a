import type { Kysely, Transaction } from 'kysely'
import nodemailer, { type Transporter } from 'nodemailer'
import {
  type CompanyProfile,
  companyProfileSchema,
  type MailSettingsDto,
  type MailSettingsInput,
  mailSettingsInputSchema,
} from '../../../shared/api/messaging'
import type { Config } from '../../config'
import type { Database } from '../../db/schema'
import { decryptSecret, encryptSecret, secretKeyOf } from '../../lib/secret-box'
import { readSetting, writeSetting } from '../settings/settings.repository'

type Executor = Kysely<Database> | Transaction<Database>

const MAIL = 'mail.smtp'
const COMPANY = 'company.profile'

interface StoredMailSettings extends Omit<MailSettingsInput, 'password'> {
  /** encrypted (secret-box) */
  password: string | null
}

const defaults: StoredMailSettings = {
  host: '',
  port: 587,
  security: 'starttls',
  user: '',
  password: null,
  from: '',
  replyTo: '',
  ratePerMinute: 60,
}

async function loadStored(db: Executor): Promise<StoredMailSettings> {
  const raw = (await readSetting(db, MAIL)) as Partial<StoredMailSettings> | undefined
  return { ...defaults, ...(raw ?? {}) }
}

export async function loadMailSettings(
  db: Executor,
  config: Pick<Config, 'smtpPassword'>,
): Promise<MailSettingsDto> {
  const { password, ...rest } = await loadStored(db)
  return {
    ...rest,
    passwordSet: password !== null,
    passwordFromEnvironment: config.smtpPassword !== null,
    configured: rest.host !== '' && rest.from !== '',
  }
}

export async function saveMailSettings(
  db: Executor,
  input: MailSettingsInput,
  config: Pick<Config, 'secretKey' | 'dataDir'>,
  userId: number | null,
  now: string,
): Promise<void> {
  const parsed = mailSettingsInputSchema.parse(input)
  const stored = await loadStored(db)
  const { password, ...rest } = parsed
  const next: StoredMailSettings = {
    ...rest,
    password:
      password === undefined
        ? stored.password
        : password === ''
          ? null
          : encryptSecret(secretKeyOf(config), password),
  }
  await writeSetting(db, MAIL, next, userId, now)
}

/** Pooled transports by their settings: one SMTP connection kept open while mails follow each other. */
const transports = new Map<string, Transporter>()

/**
 * The SMTP transport for the current settings (the password from the environment wins), pooled and
 * reused: opening a connection per mail costs more than sending it. A change of the settings makes
 * a new one; the old ones are closed.
 */
export async function createMailTransport(
  db: Executor,
  config: Pick<Config, 'secretKey' | 'dataDir' | 'smtpPassword'>,
): Promise<{ transport: Transporter; settings: StoredMailSettings }> {
  const settings = await loadStored(db)
  const key = JSON.stringify(settings) + (config.smtpPassword ?? '')
  let transport = transports.get(key)
  if (!transport) {
    closeMailTransports()
    const password =
      config.smtpPassword ??
      (settings.password ? decryptSecret(secretKeyOf(config), settings.password) : null)
    transport = nodemailer.createTransport({
      pool: true,
      maxConnections: 1,
      host: settings.host,
      port: settings.port,
      secure: settings.security === 'tls',
      requireTLS: settings.security === 'starttls',
      ignoreTLS: settings.security === 'none',
      auth: settings.user ? { user: settings.user, pass: password ?? '' } : undefined,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    })
    transports.set(key, transport)
  }
  return { transport, settings }
}

/** Closes the open SMTP connections (a worker stopping, settings changed). */
export function closeMailTransports(): void {
  for (const t of transports.values()) t.close()
  transports.clear()
}

export async function loadCompanyProfile(db: Executor): Promise<CompanyProfile> {
  const stored = companyProfileSchema.partial().safeParse(await readSetting(db, COMPANY))
  const demo = (await readSetting(db, 'demo.company')) as { name?: string } | undefined
  return companyProfileSchema.parse({
    name: demo?.name ?? 'Unser Unternehmen',
    ...(stored.success ? stored.data : {}),
  })
}

export async function saveCompanyProfile(
  db: Executor,
  profile: CompanyProfile,
  userId: number | null,
  now: string,
): Promise<void> {
  await writeSetting(db, COMPANY, companyProfileSchema.parse(profile), userId, now)
}

/** The imprint lines under every e-mail (and in a letter's footer): name, address, register, VAT id. */
export function imprintOf(p: CompanyProfile): string[] {
  return [
    p.name,
    [p.street, [p.postalCode, p.city].filter(Boolean).join(' ')].filter(Boolean).join(', '),
    [p.phone, p.email, p.website].filter(Boolean).join(' · '),
    p.managingDirectors ? `Geschäftsführung: ${p.managingDirectors}` : '',
    [p.register, p.vatId ? `USt-IdNr. ${p.vatId}` : ''].filter(Boolean).join(' · '),
  ].filter(Boolean)
}
