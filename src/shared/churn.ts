/** Whether the company could have prevented a loss (hausgemacht) or not. */
export const reasonKinds = ['controllable', 'external', 'unknown'] as const
export type ReasonKind = (typeof reasonKinds)[number]

/** Where a recorded reason comes from. */
export const reasonSources = ['stated', 'assumed', 'cancellation', 'win_loss', 'survey'] as const
export type ReasonSource = (typeof reasonSources)[number]

export const reasonConfidences = ['low', 'medium', 'high'] as const
export type ReasonConfidence = (typeof reasonConfidences)[number]

/** The catalogue a company starts with (PRODUCT.md step 2); names live in the i18n catalogue. */
export const seededReasons: readonly { code: string; kind: ReasonKind; de: string; en: string }[] = [
  { code: 'quality', kind: 'controllable', de: 'Qualität', en: 'Quality' },
  { code: 'price_performance', kind: 'controllable', de: 'Preis-Leistung', en: 'Value for money' },
  // a competitor's prices are outside the company's control (seed 002)
  {
    code: 'cheaper_competitor',
    kind: 'external',
    de: 'Günstigerer Wettbewerber',
    en: 'Cheaper competitor',
  },
  {
    code: 'delivery',
    kind: 'controllable',
    de: 'Lieferzeit oder -zuverlässigkeit',
    en: 'Delivery speed or reliability',
  },
  {
    code: 'contact_person_changed',
    kind: 'controllable',
    de: 'Wechsel der Ansprechpartner',
    en: 'Contact persons changed',
  },
  {
    code: 'salesperson_disliked',
    kind: 'controllable',
    de: 'Verkäufer nicht gemocht',
    en: 'Salesperson not liked',
  },
  { code: 'criticism_ignored', kind: 'controllable', de: 'Kritik ignoriert', en: 'Criticism ignored' },
  {
    code: 'new_customers_favoured',
    kind: 'controllable',
    de: 'Neukunden besser behandelt',
    en: 'New customers treated better',
  },
  {
    code: 'financial_trouble',
    kind: 'external',
    de: 'Finanzielle Probleme / Insolvenz',
    en: 'Financial trouble / insolvency',
  },
  {
    code: 'moved_life_phase',
    kind: 'external',
    de: 'Umzug / neue Lebensphase',
    en: 'Moved / new phase of life',
  },
  { code: 'wish_for_variety', kind: 'external', de: 'Wunsch nach Abwechslung', en: 'Wish for variety' },
  {
    code: 'new_purchaser',
    kind: 'external',
    de: 'Neuer Einkäufer bringt eigene Lieferanten',
    en: 'New purchaser brings own suppliers',
  },
  { code: 'restructuring', kind: 'external', de: 'Umstrukturierung', en: 'Restructuring' },
  { code: 'no_need', kind: 'external', de: 'Bevorratet / kein Bedarf', en: 'Stocked up / no need' },
  { code: 'project_ended', kind: 'external', de: 'Projekt beendet', en: 'Project ended' },
  { code: 'unknown', kind: 'unknown', de: 'Unbekannt', en: 'Unknown' },
]

/** How a contract cancellation ends: still open, withdrawn after the retention attempt, or effective. */
export const cancellationOutcomes = ['pending', 'withdrawn', 'effective'] as const
export type CancellationOutcome = (typeof cancellationOutcomes)[number]
