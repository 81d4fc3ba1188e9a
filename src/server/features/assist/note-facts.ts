import type { CallOutcome } from '../../../shared/worklist'
import { normalise } from './note-text'

/**
 * What else a call note says that belongs in a field: the outcome ("kein Interesse mehr", "ruft
 * zurück", "bestellt wieder"), an offer made with its amount ("Gutschein über 50 €", "10 % Rabatt")
 * and a competitor named ("kauft jetzt bei Büro Schulz", or a name from the company's list). Plain
 * rules, each proposal with the words it comes from; nothing is saved without the rep's click.
 */

export interface ProposedOutcome {
  outcome: CallOutcome
  text: string
}

export interface ProposedOffer {
  /** the note's words for the offer */
  offer: string
  /** the euro amount as the form takes it ("50,00"), when the note names one */
  value: string | null
}

export interface ProposedCompetitor {
  name: string
  /** on the company's list of competitors, or read from a phrase like "kauft jetzt bei …" */
  known: boolean
}

/** Checked in this order: the first that matches wins (a refusal outweighs an interest). */
const OUTCOME_RULES: readonly { outcome: CallOutcome; pattern: RegExp }[] = [
  {
    outcome: 'objects_to_advertising',
    pattern:
      /nicht mehr (?:anrufen|angerufen|kontaktieren|kontaktiert|anschreiben|angeschrieben)|keine (?:weiteren )?(?:anrufe|werbung|kontaktaufnahme)|widerspr(?:ich|uch|icht)|do not (?:call|contact)|dont (?:call|contact)|stop calling|no (?:more )?(?:calls|advertising)|remove (?:him|her|them|us) from/,
  },
  {
    outcome: 'won_back',
    pattern:
      /(?:hat|hatte) (?:wieder |erneut )?(?:bestellt|gekauft)|bestellt (?:wieder|erneut|ab sofort)|wieder bestellt|auftrag (?:erteilt|erhalten|bekommen)|kommt (?:als kunde )?zuruck|ordered again|placed (?:an|a new) order|will order again|is back as (?:a )?customer/,
  },
  {
    outcome: 'no_interest',
    pattern:
      /kein(?:e|erlei)? interesse|nicht (?:mehr )?interessiert|not interested|no (?:longer )?interest|no longer (?:a )?customer/,
  },
  {
    outcome: 'call_back',
    pattern:
      /(?<!kein(?:en)? )ruckruf|(?<!nicht )zuruckrufen|ruft (?:\w+ )?zuruck|(?<!nicht )(?:nochmal|erneut|wieder) (?:anrufen|melden)|meldet sich|call (?:him |her |them )?(?:back|again)|calls? back|get back to|callback/,
  },
  {
    outcome: 'offer_made',
    pattern:
      /angebot (?:gemacht|unterbreitet|geschickt|gesendet|besprochen)|angeboten|offered|sent (?:an|the) offer/,
  },
  {
    outcome: 'interested',
    pattern: /(?<!kein(?:e|erlei)? )interesse(?! ?los)|(?<!nicht )interessiert|(?<!not )interested/,
  },
]

/** The outcome the note reads as, if any: its wording decides, negations included. */
export function proposeOutcome(note: string): ProposedOutcome | null {
  const text = normalise(note)
  for (const rule of OUTCOME_RULES) {
    const match = rule.pattern.exec(text)
    if (match) return { outcome: rule.outcome, text: sliceOriginal(note, match.index, match[0].length) }
  }
  return null
}

/** normalise() keeps the length of composed letters, except "ß" → "ss" and dropped apostrophes. */
function sliceOriginal(note: string, index: number, length: number): string {
  const simple = note.length === normalise(note).length
  return (simple ? note.slice(index, index + length) : normalise(note).slice(index, index + length)).trim()
}

const OFFER_CUE =
  /angebot|rabatt|gutschein|nachlass|skonto|sonderpreis|versandkostenfrei|gratis|kostenlos|bonus|offer|voucher|discount|coupon|free shipping|credit/i
const EUROS =
  /(?:€\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?|(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?\s*(?:€|euro?\b|eur\b))/i
const PERCENT = /(\d{1,2}(?:,\d)?)\s*(?:%|prozent|percent)/i

/** The offer the note speaks of: the clause with an offer word, and its euro amount if any. */
export function proposeOffer(note: string): ProposedOffer | null {
  for (const clause of note.split(/[;\n!?]|\.(?=\s|$)|,\s/)) {
    if (!OFFER_CUE.test(clause)) continue
    const euros = EUROS.exec(clause)
    const percent = PERCENT.exec(clause)
    if (!euros && !percent && !/versandkostenfrei|gratis|kostenlos|free shipping/i.test(clause)) continue
    const whole = euros ? (euros[1] ?? euros[3] ?? '').replace(/\./g, '') : null
    const cents = euros ? (euros[2] ?? euros[4] ?? '00').padEnd(2, '0') : null
    return {
      offer: clause.trim().replace(/\s+/g, ' ').slice(0, 120),
      value: whole !== null ? `${Number(whole).toLocaleString('de-DE')},${cents}` : null,
    }
  }
  return null
}

const NAME = String.raw`([A-ZÄÖÜ0-9][\p{L}0-9&.'-]*(?:\s+(?:&\s+)?[A-ZÄÖÜ][\p{L}0-9&.'-]*){0,3})`
const COMPETITOR_PHRASES = [
  new RegExp(
    String.raw`(?:kauf(?:t|en)|bestell(?:t|en)|bezieh(?:t|en)|beliefert\s+(?:sich\s+)?)\s+(?:(?:jetzt|nun|inzwischen|neuerdings|seitdem|lieber|nur\s+noch)\s+)*(?:bei|von|über)\s+${NAME}`,
    'u',
  ),
  new RegExp(
    String.raw`(?:gewechselt|wechselt|wechseln|abgewandert)\s+(?:\p{L}+\s+){0,2}?(?:zu|zur|zum)\s+${NAME}`,
    'u',
  ),
  new RegExp(
    String.raw`(?:Wettbewerber|Konkurrent|Konkurrenz|Mitbewerber|competitor)\s+(?:\p{L}+\s+)?${NAME}`,
    'u',
  ),
  new RegExp(String.raw`(?:switched|moved|went|gone)\s+(?:over\s+)?to\s+${NAME}`, 'u'),
  new RegExp(String.raw`(?:buys|orders|buying|ordering)\s+(?:now\s+)?from\s+${NAME}`, 'u'),
]
/** Capitalised words that start a phrase but are not a company. */
const NOT_A_NAME =
  /^(?:Uns|Ihm|Ihr|Ihnen|Dem|Der|Den|Die|Das|Einem|Einer|Us|The|Them|Him|Her|Einen|Anderen|Another|Other)$/

/**
 * A competitor the note names: the first name on the company's list that appears (any case), else
 * a capitalised name after "kauft jetzt bei", "gewechselt zu", "Wettbewerber", "switched to", …
 */
export function proposeCompetitor(note: string, known: readonly string[]): ProposedCompetitor | null {
  const plainNote = normalise(note)
  for (const name of known) {
    const n = normalise(name).trim()
    if (n.length < 2) continue
    const at = plainNote.search(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(n)}(?![\\p{L}\\p{N}])`, 'u'))
    if (at >= 0) return { name, known: true }
  }
  for (const phrase of COMPETITOR_PHRASES) {
    const match = phrase.exec(note)
    const name = match?.[1]?.replace(/[.,]+$/, '').trim()
    if (name && !NOT_A_NAME.test(name) && name.length >= 2) return { name, known: false }
  }
  return null
}

/** The text as a regular expression that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
