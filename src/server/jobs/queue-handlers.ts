import { sendEarlyWarningDigest } from '../features/messaging/digest'
import {
  type MessagingContext,
  sendMessage,
  writeCampaignStepMessages,
} from '../features/messaging/messaging.service'
import type { JobPayload, JobType } from './job-types'

export type JobProgress = (done: number, total: number) => Promise<void>

type Handler<T extends JobType> = (
  ctx: MessagingContext,
  payload: JobPayload<T>,
  progress: JobProgress,
) => Promise<unknown>

/** What each declared job does. */
export const queueHandlers: { [T in JobType]: Handler<T> } = {
  send_message: (ctx, payload) => sendMessage(ctx, payload.messageId),
  campaign_email_step: (ctx, payload, progress) => writeCampaignStepMessages(ctx, payload, progress),
  early_warning_digest: (ctx, payload) => sendEarlyWarningDigest(ctx, payload.week),
}
