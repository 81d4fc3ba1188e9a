/** The actions the audit log records: consent, objection and data-protection work. */
export const auditActions = [
  'consent.recorded',
  'consent.withdrawn',
  'consent.imported',
  'objection.recorded',
  'contact_facts.updated',
  'person.exported',
  'person.erased',
  'suppression.matched',
] as const
export type AuditAction = (typeof auditActions)[number]
