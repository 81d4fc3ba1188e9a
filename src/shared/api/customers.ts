import { z } from 'zod'
import { contactChannels } from '../contact'
import { customerTypes } from '../customers'
import { lifecycleStatuses, signalCodes, subTypes } from '../lifecycle'
import { orderKinds } from '../orders'
import { customerScoreSchema } from './scoring'

export const customerSortKeys = [
  'customerNumber',
  'name',
  'status',
  'lastPurchase',
  'revenue12m',
  'annualRevenue',
  'city',
  'pAlive',
  'clv',
] as const

export const customerListQuerySchema = z.object({
  status: z.enum(lifecycleStatuses).optional(),
  segment: z.string().max(200).optional(),
  /** a user id, or "none" for customers without an owner */
  owner: z.union([z.literal('none'), z.coerce.number().int().positive()]).optional(),
  q: z.string().trim().max(200).optional(),
  /** only customers the contact engine allows to be contacted on this channel today */
  contactable: z.enum(contactChannels).optional(),
  sort: z.enum(customerSortKeys).default('customerNumber'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
})
export type CustomerListQuery = z.infer<typeof customerListQuerySchema>

const signalSchema = z.object({
  code: z.enum(signalCodes),
  params: z.record(z.string(), z.union([z.number(), z.string()])),
})
export const ruleParamsSchema = z.record(z.string(), z.union([z.number(), z.string()]))

export const customerListItemSchema = z.object({
  id: z.number().int(),
  customerNumber: z.string(),
  displayName: z.string(),
  type: z.enum(customerTypes),
  segment: z.string().nullable(),
  city: z.string().nullable(),
  ownerId: z.number().int().nullable(),
  ownerName: z.string().nullable(),
  status: z.enum(lifecycleStatuses).nullable(),
  rule: z.string().nullable(),
  ruleParams: ruleParamsSchema.nullable(),
  subTypes: z.array(z.enum(subTypes)),
  signals: z.array(signalSchema),
  lastPurchase: z.string().nullable(),
  purchaseCount: z.number().int(),
  revenue12mCents: z.number().int(),
  annualRevenueCents: z.number().int(),
  /** from the latest scoring run; null before the first or for customers it could not score */
  pAlive: z.number().nullable(),
  clvCents: z.number().nullable(),
})
export type CustomerListItem = z.infer<typeof customerListItemSchema>

export const customerListSchema = z.object({
  items: z.array(customerListItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  asOf: z.string().nullable(),
})
export type CustomerList = z.infer<typeof customerListSchema>

export const documentSchema = z.object({
  id: z.number().int(),
  kind: z.enum(orderKinds),
  number: z.string().nullable(),
  referenceNumber: z.string().nullable(),
  date: z.string(),
  netCents: z.number().int(),
  grossCents: z.number().int().nullable(),
  marginCents: z.number().int().nullable(),
  currency: z.string(),
  status: z.string().nullable(),
  countsAsPurchase: z.boolean(),
  source: z.string(),
})

export const contractSchema = z.object({
  id: z.number().int(),
  number: z.string().nullable(),
  product: z.string().nullable(),
  startedOn: z.string(),
  endsOn: z.string().nullable(),
  cancelledOn: z.string().nullable(),
  monthlyValueCents: z.number().int().nullable(),
})

export const customerDetailSchema = z.object({
  customer: customerListItemSchema.extend({
    companyName: z.string().nullable(),
    salutation: z.string().nullable(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    street: z.string().nullable(),
    postalCode: z.string().nullable(),
    country: z.string().nullable(),
    tags: z.array(z.string()),
    isProjectCustomer: z.boolean(),
    firstPurchase: z.string().nullable(),
    typicalIntervalDays: z.number().nullable(),
    revenueTotalCents: z.number().int(),
    statusSince: z.string().nullable(),
    asOf: z.string().nullable(),
  }),
  score: customerScoreSchema.nullable(),
  documents: z.array(documentSchema),
  contracts: z.array(contractSchema),
  history: z.array(
    z.object({
      month: z.string(),
      status: z.enum(lifecycleStatuses),
      previous: z.enum(lifecycleStatuses).nullable(),
    }),
  ),
})
export type CustomerDetail = z.infer<typeof customerDetailSchema>

export const segmentsSchema = z.object({
  segments: z.array(z.string()),
  owners: z.array(z.object({ id: z.number().int(), name: z.string() })),
})
