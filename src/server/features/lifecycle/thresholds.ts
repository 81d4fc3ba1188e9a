import { z } from 'zod'

/**
 * Every threshold of the lifecycle rules. Defaults follow PRODUCT.md step 1; all are configurable
 * globally and per segment (settings key `lifecycle.thresholds`).
 */
export const thresholdsSchema = z.object({
  /** new: first purchase within this many days */
  newWithinDays: z.number().int().min(1).max(3650),
  /** sleeping: no purchase for more than this many days (6 months) ... */
  sleepingAfterDays: z.number().int().min(1).max(3650),
  /** lost: no purchase for more than this many days (12 months) */
  lostAfterDays: z.number().int().min(1).max(7300),
  /** at_risk: days since the last purchase exceed k × the customer's typical interval */
  overdueFactor: z.number().min(1).max(100),
  /** sleeping: days since the last purchase exceed this factor × the typical interval ("overdue for long") */
  sleepingOverdueFactor: z.number().min(1).max(100),
  /** never at risk sooner than this many days after the last purchase (daily buyers) */
  minOverdueDays: z.number().int().min(0).max(3650),
  /** never sleeping by rhythm sooner than this many days after the last purchase */
  minSleepingOverdueDays: z.number().int().min(0).max(3650),
  /** the typical interval is the median of the last N intervals between purchase days */
  rhythmWindow: z.number().int().min(1).max(100),
  /** a won-back customer stays `reactivated` this many days after the purchase that brought them back */
  reactivatedForDays: z.number().int().min(1).max(3650),
  /** intervals lengthening: the mean of the last two intervals is at least this × the earlier median */
  lengtheningRatio: z.number().min(1).max(100),
  /** order value falling: the mean of the last three orders is at most this × the earlier mean */
  fallingValueRatio: z.number().min(0).max(1),
  /** stock-up buyer: the last order is at least this × the median earlier order, followed by a long pause */
  stockUpFactor: z.number().min(1).max(100),
  /** whether churn signals alone make an active customer at_risk */
  signalsMakeAtRisk: z.boolean(),
})

export type LifecycleThresholds = z.infer<typeof thresholdsSchema>

export const defaultThresholds: Readonly<LifecycleThresholds> = Object.freeze({
  newWithinDays: 91,
  sleepingAfterDays: 182,
  lostAfterDays: 365,
  overdueFactor: 2,
  sleepingOverdueFactor: 4,
  minOverdueDays: 30,
  minSleepingOverdueDays: 90,
  rhythmWindow: 12,
  reactivatedForDays: 365,
  lengtheningRatio: 1.5,
  fallingValueRatio: 0.7,
  stockUpFactor: 3,
  signalsMakeAtRisk: true,
})

export const thresholdSettingsSchema = z.object({
  global: thresholdsSchema.partial().default({}),
  /** overrides per segment name, on top of the global values */
  segments: z.record(z.string(), thresholdsSchema.partial()).default({}),
})

export type ThresholdSettings = z.infer<typeof thresholdSettingsSchema>

export const emptyThresholdSettings: ThresholdSettings = { global: {}, segments: {} }

/** The thresholds that apply to one segment: defaults, then global settings, then the segment's own. */
export function resolveThresholds(settings: ThresholdSettings, segment: string | null): LifecycleThresholds {
  const merged = {
    ...defaultThresholds,
    ...settings.global,
    ...(segment ? settings.segments[segment] : undefined),
  }
  return thresholdsSchema.parse(merged)
}
