import { z } from 'zod'
import { lifecycleStatuses } from '../lifecycle'

const statusCounts = z.object(
  Object.fromEntries(lifecycleStatuses.map((s) => [s, z.number().int()])) as Record<
    (typeof lifecycleStatuses)[number],
    z.ZodNumber
  >,
)

export const dashboardSchema = z.object({
  asOf: z.string().nullable(),
  customers: z.number().int(),
  counts: statusCounts,
  /** what the lost customers used to bring per year (12 months up to their last purchase) */
  lostAnnualRevenueCents: z.number().int(),
  sleepingAnnualRevenueCents: z.number().int(),
  atRiskAnnualRevenueCents: z.number().int(),
  /** per month of the last 12: how many customers entered each status */
  months: z.array(z.object({ month: z.string(), entered: statusCounts })),
  /** from → to counts over the last 12 months */
  transitions: z.array(
    z.object({
      from: z.enum(lifecycleStatuses).nullable(),
      to: z.enum(lifecycleStatuses),
      count: z.number().int(),
    }),
  ),
})
export type Dashboard = z.infer<typeof dashboardSchema>
