import type { PlannedChannel, RoutingAssignee } from '../../../shared/worklist'
import type { RoutingConditions } from './routing'

export interface SeedRule {
  de: string
  en: string
  conditions: RoutingConditions
  assignee: RoutingAssignee
  channels: PlannedChannel[]
}

/**
 * The routing a company starts with (seed 001 step 2): premium customers personally by management,
 * the middle by phone from their account manager, small business customers by letter, the rest by
 * e-mail. Relationship reasons go to someone other than the owner (routing.ts does that for every rule).
 */
export const seededRules: readonly SeedRule[] = [
  {
    de: 'Premiumkunden: persönlich durch die Geschäftsleitung',
    en: 'Premium customers: personally by management',
    conditions: { tiers: ['premium'] },
    assignee: 'management',
    channels: ['phone', 'letter', 'visit'],
  },
  {
    de: 'Mittlerer Wert: Anruf des Kundenbetreuers',
    en: 'Mid value: a call from the account manager',
    conditions: { tiers: ['mid'] },
    assignee: 'owner',
    channels: ['phone', 'letter', 'email'],
  },
  {
    de: 'Geschäftskunden mit geringem Wert: Brief',
    en: 'Low-value business customers: letter',
    conditions: { tiers: ['low'], customerTypes: ['business'] },
    assignee: 'owner',
    channels: ['letter', 'email'],
  },
  {
    de: 'Geringer Wert: E-Mail',
    en: 'Low value: e-mail',
    conditions: { tiers: ['low'] },
    assignee: 'owner',
    channels: ['email', 'letter'],
  },
]
