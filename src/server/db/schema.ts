import type { LlmRequestTable, ReasonModelTable } from '../features/assist/assist.table'
import type { AuditLogTable } from '../features/audit/audit-log.table'
import type { CampaignMemberTable, CampaignTable } from '../features/campaigns/campaign.table'
import type { ContractCancellationTable } from '../features/cancellations/cancellation.table'
import type {
  ChurnReasonHistoryTable,
  ChurnReasonTable,
  CustomerChurnReasonTable,
} from '../features/churn/churn.table'
import type {
  ContactConsentTable,
  ContactDecisionTable,
  ContactEligibilityTable,
  ContactFactsTable,
  ContactObjectionTable,
  DataRequestTable,
  SuppressionTable,
} from '../features/contact/contact.table'
import type { CustomerOwnerChangeTable, CustomerTable } from '../features/customers/customer.table'
import type { DerivationQueueTable, ImportRunTable } from '../features/imports/import-run.table'
import type {
  CustomerStatusChangeTable,
  CustomerStatusTable,
  PurchaseLedgerTable,
} from '../features/lifecycle/customer-status.table'
import type { EmailTemplateTable, OutboundMessageTable } from '../features/messaging/messaging.table'
import type { ContractTable, OrderTable } from '../features/orders/order.table'
import type { HookTable, PlaybookMeasureTable, RoutingRuleTable } from '../features/playbook/playbook.table'
import type { EarlyWarningTable, WarningSignTable } from '../features/prevention/prevention.table'
import type { CustomerScoreTable, ModelRunTable, ScoringRoundTable } from '../features/scoring/scoring.table'
import type { SettingTable } from '../features/settings/setting.table'
import type { SurveyInvitationTable } from '../features/survey/survey.table'
import type { SessionTable, UserTable } from '../features/users/user.table'
import type { WinbackAssessmentTable, WinbackAttemptTable } from '../features/winback/winback.table'
import type {
  CalendarFeedTable,
  CallTable,
  FollowupTable,
  WorklistPickTable,
} from '../features/worklist/worklist.table'
import type { QueuedJobTable } from '../jobs/queue.table'
import type { SetAsideIndexTable } from './set-aside-indexes'

export interface Database {
  users: UserTable
  sessions: SessionTable
  customers: CustomerTable
  orders: OrderTable
  contracts: ContractTable
  import_runs: ImportRunTable
  derivation_queue: DerivationQueueTable
  customer_status: CustomerStatusTable
  customer_status_changes: CustomerStatusChangeTable
  purchase_ledgers: PurchaseLedgerTable
  settings: SettingTable
  audit_log: AuditLogTable
  model_runs: ModelRunTable
  customer_scores: CustomerScoreTable
  scoring_round: ScoringRoundTable
  churn_reasons: ChurnReasonTable
  churn_reason_history: ChurnReasonHistoryTable
  customer_churn_reasons: CustomerChurnReasonTable
  winback_assessments: WinbackAssessmentTable
  winback_attempts: WinbackAttemptTable
  contract_cancellations: ContractCancellationTable
  contact_consents: ContactConsentTable
  contact_objections: ContactObjectionTable
  contact_facts: ContactFactsTable
  suppression_list: SuppressionTable
  contact_eligibility: ContactEligibilityTable
  contact_decisions: ContactDecisionTable
  data_requests: DataRequestTable
  customer_owner_changes: CustomerOwnerChangeTable
  playbook_measures: PlaybookMeasureTable
  hooks: HookTable
  routing_rules: RoutingRuleTable
  campaigns: CampaignTable
  campaign_members: CampaignMemberTable
  calls: CallTable
  followups: FollowupTable
  worklist_picks: WorklistPickTable
  calendar_feeds: CalendarFeedTable
  warning_signs: WarningSignTable
  early_warnings: EarlyWarningTable
  queued_jobs: QueuedJobTable
  outbound_messages: OutboundMessageTable
  email_templates: EmailTemplateTable
  survey_invitations: SurveyInvitationTable
  reason_models: ReasonModelTable
  llm_requests: LlmRequestTable
  set_aside_indexes: SetAsideIndexTable
}
