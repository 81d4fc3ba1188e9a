import type { Faker } from '@faker-js/faker'

/**
 * Call and survey notes as German sales reps write them, per churn reason: what the customer said
 * in a few words, sometimes with who said it and what happens next. The demo's recorded reasons
 * carry them, so the call assistant has the company's "own" notes to learn from at first start.
 */
const SAID: Record<string, readonly string[]> = {
  price_performance: [
    'Preise zu hoch für das, was geliefert wird',
    'findet uns zu teuer, Preis und Leistung passen nicht',
    'Preiserhöhung im Frühjahr war zu viel, zu teuer',
    'Preis-Leistung stimmt für ihn nicht mehr',
    'hat nach der letzten Preisliste aufgehört zu bestellen, Preise zu hoch',
    'zahlt nicht mehr so viel für Standardware, zu teuer',
    'Budget gekürzt, unsere Preise zu hoch',
    'für den Preis erwartet er mehr Leistung',
  ],
  cheaper_competitor: [
    'kauft jetzt bei der Konkurrenz, die ist billiger',
    'Wettbewerber bietet dasselbe 15 % günstiger an',
    'hat ein günstigeres Angebot von der Konkurrenz bekommen',
    'bestellt inzwischen beim Wettbewerber im Internet, billiger',
    'Konkurrenz hat mit Kampfpreisen geworben',
    'vom Wettbewerber abgeworben, dort günstiger',
    'Online-Händler der Konkurrenz liefert günstiger',
  ],
  quality: [
    'Qualität hat nachgelassen, mehrere Teile defekt',
    'Reklamation wegen Qualitätsmängeln, Ware war mangelhaft',
    'unzufrieden mit der Qualität der letzten Lieferung',
    'zweimal defekte Geräte bekommen, Qualität schlecht',
    'Qualitätsprobleme bei der Eigenmarke',
    'Ware defekt, zu viele Reklamationen wegen Qualität',
    'Muster entsprach nicht der gelieferten Qualität',
  ],
  delivery: [
    'Lieferungen kamen mehrfach zu spät',
    'Liefertermin nicht eingehalten, Baustelle stand still',
    'Teillieferungen und lange Lieferzeiten',
    'Lieferung kam eine Woche zu spät',
    'unzuverlässige Lieferung, Spedition hat Liefertermin verpasst',
    'wartet zu lange auf Lieferungen',
    'falsche Ware geliefert und Ersatzlieferung kam zu spät',
  ],
  contact_person_changed: [
    'seit dem Wechsel des Ansprechpartners bei uns kein Kontakt mehr',
    'vermisst den früheren Ansprechpartner, der in Rente ist',
    'neuer Ansprechpartner im Innendienst kennt die Firma nicht',
    'nach dem Betreuerwechsel kümmert sich niemand mehr',
    'Ansprechpartner bei uns wechselt ständig',
    'alte Ansprechpartnerin hat gekündigt, seitdem Funkstille',
  ],
  salesperson_disliked: [
    'kam mit unserem Verkäufer nicht klar',
    'fand den Verkäufer im Außendienst aufdringlich',
    'Verkäufer war unfreundlich am Telefon',
    'Chemie mit dem Verkäufer hat nicht gestimmt',
    'beschwert sich über das Auftreten unseres Verkäufers',
    'möchte nicht mehr vom bisherigen Verkäufer betreut werden',
  ],
  criticism_ignored: [
    'Beschwerde wurde nie beantwortet',
    'fühlt sich mit seiner Beschwerde nicht ernst genommen',
    'hat dreimal reklamiert, auf die Beschwerde hat keiner reagiert',
    'Antwort auf die Beschwerde kam nie',
    'Kritik am Service wurde abgewimmelt',
    'auf E-Mails zur Beschwerde keine Antwort bekommen',
  ],
  new_customers_favoured: [
    'Neukunden bekommen bessere Konditionen als er',
    'ärgert sich, dass der Neukundenrabatt nicht für Stammkunden gilt',
    'sah Werbung mit Neukundenangebot und fühlte sich als Stammkunde benachteiligt',
    'als langjähriger Stammkunde schlechter behandelt als Neukunden',
    'Stammkunden gehen leer aus, Rabatt nur für Neukunden',
  ],
  financial_trouble: [
    'Firma in Zahlungsschwierigkeiten',
    'Insolvenzverfahren eröffnet, Firma zahlungsunfähig',
    'muss sparen, Liquidität knapp, Zahlungsschwierigkeiten',
    'Umsatzeinbruch, finanziell kann er gerade nichts bestellen',
    'Bank hat Kredit gekürzt, finanzielle Probleme',
    'steckt in finanziellen Problemen, droht Insolvenz',
  ],
  moved_life_phase: [
    'ist umgezogen, wohnt jetzt außerhalb des Liefergebiets',
    'Umzug ins Ausland',
    'Ruhestand, Betrieb wird aufgegeben',
    'neue Lebensphase, Familie gegründet, nach Umzug andere Prioritäten',
    'ist umgezogen und hat den Wohnort gewechselt',
  ],
  wish_for_variety: [
    'wollte einfach mal etwas anderes ausprobieren, Abwechslung',
    'sucht Abwechslung im Sortiment',
    'probiert aus Lust auf Abwechslung andere Marken aus',
    'Lust auf Abwechslung, nichts gegen uns',
  ],
  new_purchaser: [
    'neuer Einkaufsleiter bringt eigene Lieferanten mit',
    'neue Einkäuferin arbeitet mit ihren bisherigen Lieferanten',
    'Einkauf neu besetzt, Lieferantenliste des neuen Einkäufers',
    'neuer Einkäufer kennt uns nicht, hat eigene Lieferanten',
    'Einkaufsleiter gewechselt, bestellt nur noch bei seinen Lieferanten',
  ],
  restructuring: [
    'Umstrukturierung, Einkauf jetzt zentral in der Konzernzentrale',
    'Firma wurde übernommen, Konzern bestimmt die Lieferanten',
    'Standorte zusammengelegt, Beschaffung läuft über die Zentrale',
    'Umstrukturierung, Abteilung aufgelöst',
  ],
  no_need: [
    'hat sich bevorratet, Lager noch voll, kein Bedarf',
    'aktuell kein Bedarf',
    'Lager reicht noch Monate, Bedarf gedeckt',
    'Großbestellung im Sommer, Lager voll',
    'Bedarf gedeckt, bestellt wieder bei Bedarf',
  ],
  project_ended: [
    'Projekt abgeschlossen, keine weiteren Bestellungen',
    'Bauprojekt beendet',
    'Projekt für die Messe ist vorbei',
    'Großprojekt fertig, Projekt abgeschlossen',
  ],
}

/** Some of the demo's customers are served in English (export customers, an English-speaking rep). */
const SAID_EN: Record<string, readonly string[]> = {
  price_performance: [
    'prices too high for what we deliver',
    'finds us too expensive, price and value do not match',
    'the price increase was too much, too expensive',
    'will not pay our prices any more, too expensive',
  ],
  cheaper_competitor: [
    'buys from a competitor now, they are cheaper',
    'competitor offers the same 15 % cheaper',
    'got a cheaper offer from a competitor',
  ],
  quality: [
    'quality has dropped, several parts defective',
    'complaint about poor quality, goods defective',
    'unhappy with the quality of the last delivery',
  ],
  delivery: [
    'deliveries arrived late several times',
    'delivery date missed, late delivery',
    'long delivery times and partial deliveries',
  ],
  contact_person_changed: [
    'no contact since our account manager changed',
    'misses the former contact person who retired',
  ],
}
const NEXT_EN = ['', '', ' Call back in two weeks.', ' Follow up on the offer.', ' Call again next Tuesday.']

const WHO = ['', '', '', 'Kunde: ', 'Einkauf: ', 'Laut Geschäftsführer ', 'Im Gespräch: ', 'Inhaberin sagt, ']
const NEXT = [
  '',
  '',
  '',
  ' Rückruf in zwei Wochen.',
  ' Ab März wieder melden.',
  ' Angebot nachfassen.',
  ' Katalog geschickt.',
  ' Rückruf nächste Woche Dienstag.',
  ' Im neuen Jahr nochmal anrufen.',
]

/**
 * What the customer said about a reason, in the demo's voice, and what comes next (empty, or a
 * sentence such as " Rückruf in zwei Wochen."); null for a reason it has no phrases for.
 */
export function demoReasonParts(f: Faker, code: string): { said: string; next: string } | null {
  const english = SAID_EN[code]
  if (english && f.number.float() < 0.15) {
    const text = f.helpers.arrayElement(english)
    return { said: `${text.charAt(0).toUpperCase()}${text.slice(1)}.`, next: f.helpers.arrayElement(NEXT_EN) }
  }
  const said = SAID[code]
  if (!said) return null
  const who = f.helpers.arrayElement(WHO)
  // often a second detail of the same reason, as a customer explains it
  const [one, two] = f.helpers.arrayElements(said, 2)
  const text = f.number.float() < 0.4 && two ? `${one}, ${two}` : one!
  const first = who === '' ? text.charAt(0).toUpperCase() + text.slice(1) : `${who}${text}`
  return { said: `${first}.`, next: f.helpers.arrayElement(NEXT) }
}

/** A note for a reason in the demo's voice; null for a reason it has no phrases for. */
export function demoReasonNote(f: Faker, code: string): string | null {
  const parts = demoReasonParts(f, code)
  return parts && `${parts.said}${parts.next}`
}
