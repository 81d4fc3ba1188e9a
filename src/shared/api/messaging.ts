import { z } from 'zod'
import { serverTextSchema } from './server-text'

export const smtpSecurities = ['starttls', 'tls', 'none'] as const

const optionalText = (max: number) => z.string().trim().max(max).default('')

export const mailSettingsInputSchema = z.object({
  host: z.string().trim().max(255),
  port: z.number().int().min(1).max(65535),
  /** starttls: upgrade on 587; tls: TLS from the start (465); none: plain (a local relay only) */
  security: z.enum(smtpSecurities),
  user: optionalText(255),
  /** set when given; an empty string removes the stored one */
  password: z.string().max(500).optional(),
  from: z.string().trim().max(255),
  replyTo: optionalText(255),
  /** at most this many e-mails a minute */
  ratePerMinute: z.number().int().min(1).max(100_000),
})
export type MailSettingsInput = z.infer<typeof mailSettingsInputSchema>

export const mailSettingsSchema = mailSettingsInputSchema.omit({ password: true }).extend({
  passwordSet: z.boolean(),
  /** WINBACK_SMTP_PASSWORD is set: the stored one is not used */
  passwordFromEnvironment: z.boolean(),
  configured: z.boolean(),
})
export type MailSettingsDto = z.infer<typeof mailSettingsSchema>

/** The mailbox returned mail arrives in (the sender's or a dedicated one), read over IMAP. */
export const bounceSettingsInputSchema = z.object({
  enabled: z.boolean(),
  host: z.string().trim().max(255),
  port: z.number().int().min(1).max(65535),
  /** tls: TLS from the start (993); starttls: upgrade on 143; none: plain (a server on the same machine only) */
  security: z.enum(smtpSecurities),
  user: optionalText(255),
  /** set when given; an empty string removes the stored one */
  password: z.string().max(500).optional(),
  mailbox: z.string().trim().min(1).max(200),
})
export type BounceSettingsInput = z.infer<typeof bounceSettingsInputSchema>

export const bounceCheckSchema = z.object({
  at: z.string(),
  /** mails looked at (not looked at before) */
  checked: z.number().int(),
  /** of them returned mail */
  bounces: z.number().int(),
  /** returned mail matched to an e-mail winback sent */
  matched: z.number().int(),
  error: z.string().nullable(),
})
export type BounceCheck = z.infer<typeof bounceCheckSchema>

export const bounceSettingsSchema = bounceSettingsInputSchema.omit({ password: true }).extend({
  passwordSet: z.boolean(),
  /** WINBACK_IMAP_PASSWORD is set: the stored one is not used */
  passwordFromEnvironment: z.boolean(),
  lastCheck: bounceCheckSchema.nullable(),
})
export type BounceSettingsDto = z.infer<typeof bounceSettingsSchema>

export const companyProfileSchema = z.object({
  name: z.string().trim().min(1).max(200),
  street: optionalText(200),
  postalCode: optionalText(20),
  city: optionalText(100),
  country: optionalText(2),
  phone: optionalText(50),
  email: optionalText(200),
  website: optionalText(200),
  managingDirectors: optionalText(300),
  register: optionalText(200),
  vatId: optionalText(50),
  bankName: optionalText(100),
  iban: optionalText(40),
  bic: optionalText(20),
})
export type CompanyProfile = z.infer<typeof companyProfileSchema>

export const testMailSchema = z.object({ to: z.string().trim().email().max(255) })

export const sendStepResultSchema = z.object({ jobId: z.number().int() })

export const messageStateSchema = z.enum(['queued', 'sending', 'sent', 'bounced', 'failed', 'blocked'])

export const stepSendingSchema = z.object({
  step: z.number().int(),
  /** the messages written for the step, by state */
  counts: z.record(z.string(), z.number().int()),
  /** the jobs still queued or running for it */
  pending: z.number().int(),
})
export type StepSendingDto = z.infer<typeof stepSendingSchema>

export const queuedJobSchema = z.object({
  id: z.number().int(),
  type: z.string(),
  state: z.enum(['queued', 'running', 'succeeded', 'failed']),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.string(),
  lastError: z.string().nullable(),
  /** the error as a key with parameters, for the reader's language */
  lastErrorText: serverTextSchema.nullable(),
  done: z.number().int(),
  total: z.number().int(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
})
export type QueuedJobDto = z.infer<typeof queuedJobSchema>
