/** The actions the audit log records: consent, objection and data-protection work, imports, users and settings, and what was sent to a language model. */
export const auditActions = [
  'consent.recorded',
  'consent.withdrawn',
  'consent.imported',
  'objection.recorded',
  'contact_facts.updated',
  'person.exported',
  'person.erased',
  'suppression.matched',
  'import.completed',
  'user.created',
  'user.changed',
  'settings.changed',
  'assistant.sent',
] as const
export type AuditAction = (typeof auditActions)[number]
