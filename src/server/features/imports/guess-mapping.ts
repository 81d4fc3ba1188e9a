import type { ColumnMapping, ImportField, ImportKind } from '../../../shared/imports'
import { fieldsOfKind } from '../../../shared/imports'

/** "Kunden-Nr." → "kundennr", "Straße" → "strasse": how headers are compared. */
export function normalizeHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]/g, '')
}

/** German and English header names per field, already normalized; the first match wins. */
const synonyms: Record<ImportField, readonly string[]> = {
  customerNumber: [
    'kundennummer',
    'kundennr',
    'kdnr',
    'kundenid',
    'kunde',
    'debitor',
    'debitorennummer',
    'debitornr',
    'customernumber',
    'customerno',
    'customerid',
    'customer',
    'clientid',
    'accountnumber',
    'accountid',
  ],
  documentNumber: [
    'belegnummer',
    'belegnr',
    'rechnungsnummer',
    'rechnungsnr',
    'renr',
    'auftragsnummer',
    'auftragsnr',
    'bestellnummer',
    'bestellnr',
    'dokumentnummer',
    'invoicenumber',
    'invoiceno',
    'invoiceid',
    'ordernumber',
    'orderno',
    'orderid',
    'documentnumber',
    'number',
    'nummer',
  ],
  date: [
    'datum',
    'belegdatum',
    'rechnungsdatum',
    'auftragsdatum',
    'bestelldatum',
    'kaufdatum',
    'leistungsdatum',
    'date',
    'invoicedate',
    'orderdate',
    'documentdate',
    'purchasedate',
    'createdat',
    'transactiondate',
  ],
  kind: ['belegart', 'art', 'dokumentart', 'typ', 'belegtyp', 'kind', 'documenttype', 'type', 'doctype'],
  netAmount: [
    'netto',
    'nettobetrag',
    'nettoumsatz',
    'umsatznetto',
    'betragnetto',
    'nettowert',
    'warenwertnetto',
    'net',
    'netamount',
    'netvalue',
    'nettotal',
    'amountnet',
    'subtotal',
    'umsatz',
    'betrag',
    'amount',
    'revenue',
    'sales',
    'value',
  ],
  grossAmount: [
    'brutto',
    'bruttobetrag',
    'betragbrutto',
    'gesamtbrutto',
    'gross',
    'grossamount',
    'total',
    'totalamount',
  ],
  margin: [
    'marge',
    'deckungsbeitrag',
    'db',
    'rohertrag',
    'rohgewinn',
    'margin',
    'contributionmargin',
    'grossprofit',
    'profit',
  ],
  currency: ['waehrung', 'currency', 'curr', 'isowaehrung'],
  status: ['status', 'belegstatus', 'auftragsstatus', 'orderstatus', 'financialstatus', 'zahlungsstatus'],
  referenceNumber: [
    'bezugsbeleg',
    'bezugsnummer',
    'referenz',
    'referenzbeleg',
    'ursprungsrechnung',
    'zurechnung',
    'reference',
    'referencenumber',
    'originalinvoice',
    'relatedinvoice',
  ],
  quantity: ['menge', 'anzahl', 'stueck', 'quantity', 'qty', 'units'],
  customerType: ['kundentyp', 'kundenart', 'kundengruppe', 'customertype', 'b2bb2c'],
  companyName: [
    'firma',
    'firmenname',
    'unternehmen',
    'name1',
    'company',
    'companyname',
    'organisation',
    'organization',
  ],
  salutation: ['anrede', 'salutation', 'title', 'titel'],
  firstName: ['vorname', 'firstname', 'givenname', 'forename'],
  lastName: ['nachname', 'familienname', 'lastname', 'surname', 'familyname'],
  fullName: [
    'name',
    'kundenname',
    'ansprechpartner',
    'kontakt',
    'fullname',
    'customername',
    'contactname',
    'contact',
  ],
  email: ['email', 'emailadresse', 'mail', 'emailaddress'],
  phone: ['telefon', 'telefonnummer', 'tel', 'phone', 'phonenumber', 'mobil', 'handy', 'mobile'],
  street: [
    'strasse',
    'strassehausnummer',
    'anschrift',
    'adresse',
    'street',
    'address',
    'address1',
    'streetaddress',
  ],
  postalCode: ['plz', 'postleitzahl', 'postalcode', 'zip', 'zipcode', 'postcode'],
  city: ['ort', 'stadt', 'wohnort', 'city', 'town'],
  country: ['land', 'laenderkennzeichen', 'country', 'countrycode'],
  segment: ['segment', 'branche', 'kundensegment', 'industry', 'customersegment', 'sector'],
  tags: ['tags', 'schlagworte', 'merkmale', 'labels'],
  owner: [
    'betreuer',
    'kundenbetreuer',
    'vertreter',
    'aussendienst',
    'verkaeufer',
    'owner',
    'accountmanager',
    'salesrep',
    'rep',
  ],
  projectCustomer: ['projektkunde', 'projekt', 'projectcustomer', 'project'],
  contractNumber: [
    'vertragsnummer',
    'vertragsnr',
    'vertrag',
    'vertragsid',
    'abonummer',
    'abonnementnummer',
    'abo',
    'contractnumber',
    'contractno',
    'contractid',
    'contract',
    'subscriptionid',
    'subscriptionnumber',
    'subscription',
  ],
  product: ['produkt', 'artikel', 'tarif', 'leistung', 'vertragsart', 'product', 'plan', 'service', 'item'],
  startDate: [
    'vertragsbeginn',
    'beginn',
    'startdatum',
    'laufzeitbeginn',
    'start',
    'gueltigab',
    'startdate',
    'startedon',
    'startedat',
    'startson',
    'since',
  ],
  endDate: [
    'vertragsende',
    'ende',
    'enddatum',
    'laufzeitende',
    'gueltigbis',
    'enddate',
    'endson',
    'endedon',
    'endedat',
    'end',
  ],
  cancelledDate: [
    'gekuendigtam',
    'kuendigungsdatum',
    'kuendigungam',
    'kuendigungseingang',
    'gekuendigt',
    'kuendigung',
    'cancelledon',
    'cancelledat',
    'canceledon',
    'canceledat',
    'cancellationdate',
    'cancelled',
  ],
  monthlyValue: [
    'monatsbetrag',
    'monatlicherbetrag',
    'monatspreis',
    'monatsbeitrag',
    'monatlich',
    'rate',
    'monthlyvalue',
    'monthlyamount',
    'monthlyfee',
    'monthlyprice',
    'mrr',
  ],
}

export interface MappingGuess {
  mapping: ColumnMapping
  /** headers no field was found for */
  unmapped: string[]
}

/** Guesses which column holds which field, from German and English header names. */
export function guessMapping(headers: readonly string[], kind: ImportKind): MappingGuess {
  const fields = fieldsOfKind(kind)
  const normalized = headers.map(normalizeHeader)
  const mapping: ColumnMapping = {}
  const taken = new Set<number>()
  // exact synonyms first, in the order of the synonym lists, so "Netto" beats "Betrag"
  for (let rank = 0; rank < 40; rank++) {
    for (const field of fields) {
      if (mapping[field] !== undefined) continue
      const synonym = synonyms[field][rank]
      if (synonym === undefined) continue
      const index = normalized.findIndex((h, i) => h === synonym && !taken.has(i))
      if (index !== -1) {
        mapping[field] = index
        taken.add(index)
      }
    }
  }
  const unmapped = headers.filter((_, i) => !taken.has(i))
  return { mapping, unmapped }
}
