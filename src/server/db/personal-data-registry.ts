import { assistPersonalData } from '../features/assist/assist.table'
import { campaignPersonalData } from '../features/campaigns/campaign.table'
import { cancellationsPersonalData } from '../features/cancellations/cancellation.table'
import { churnPersonalData } from '../features/churn/churn.table'
import { contactPersonalData } from '../features/contact/contact.table'
import { customerOwnerPersonalData } from '../features/customers/customer.table'
import { importsPersonalData } from '../features/imports/import-run.table'
import { lifecyclePersonalData } from '../features/lifecycle/customer-status.table'
import { messagingPersonalData } from '../features/messaging/messaging.table'
import { ordersPersonalData } from '../features/orders/order.table'
import { preventionPersonalData } from '../features/prevention/prevention.table'
import { scoringPersonalData } from '../features/scoring/scoring.table'
import { surveyPersonalData } from '../features/survey/survey.table'
import { winbackPersonalData } from '../features/winback/winback.table'
import { worklistPersonalData } from '../features/worklist/worklist.table'
import type { PersonalData } from './personal-data'

/**
 * Every table that holds a customer's data, as its feature declares it (composed like schema.ts).
 * The order is the order of the access export and of the erasure: rows that refer to others go first.
 */
export const personalDataRegistry: readonly PersonalData[] = [
  ...assistPersonalData,
  ...worklistPersonalData,
  ...preventionPersonalData,
  ...messagingPersonalData,
  ...surveyPersonalData,
  ...campaignPersonalData,
  ...customerOwnerPersonalData,
  ...lifecyclePersonalData,
  ...scoringPersonalData,
  ...churnPersonalData,
  ...winbackPersonalData,
  ...cancellationsPersonalData,
  ...contactPersonalData,
  ...ordersPersonalData,
  ...importsPersonalData,
]
