/** What the sales team knows about winning one lost customer back. */
export interface WinbackAssessmentTable {
  customer_id: number
  /** 1 (hard) … 5 (easy), set by the rep */
  ease: number | null
  insolvent_or_closed: number
  switched_for_good: number
  /** win-back offers the customer turned down */
  refusals: number
  /** earlier positive responses (a reply, a call-back, a visit) */
  positive_responses: number
  manual_decision: 'include' | 'exclude' | null
  manual_note: string | null
  /** the planned measure's cost; null: the default from the settings */
  planned_measure_cents: number | null
  updated_at: string
  updated_by: number | null
}
