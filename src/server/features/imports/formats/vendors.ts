import type { ColumnMapping, CustomerField, ImportFormat, OrderField } from '../../../../shared/imports'
import type { OrderKind } from '../../../../shared/orders'
import { normalizeHeader } from '../guess-mapping'
import { cell, parseBoolean } from '../values'
import type { RowVocabulary } from './generic'
import { findColumns, headerIndex } from './header-index'

export type VendorFormat = Extract<
  ImportFormat,
  'lexware' | 'sevdesk' | 'jtl' | 'shopware' | 'billbee' | 'weclapp'
>

/**
 * What winback knows of one system's invoice or order export: the columns that identify it, the
 * spellings of each column (the German export headers and the system's own field names), and its
 * codes for document kinds and statuses. The rows are then read by the generic reader with this
 * mapping, so every guarantee of a generic import holds.
 */
export interface VendorProfile {
  format: VendorFormat
  /** columns that together identify the export (each with its spellings); all must be present */
  signature: readonly (readonly string[])[]
  columns: Partial<Record<OrderField | CustomerField, readonly string[]>>
  /** the kind when the export has no kind column (a shop's orders) */
  defaultKind?: OrderKind
  /** the system's kind codes (normalized) → a kind, or 'skip' for documents that are no sale */
  kindCodes?: Record<string, OrderKind | 'skip'>
  /** the system's status codes (as written) → words */
  statusCodes?: Record<string, string>
  /** a yes/no column that marks a cancelled document */
  cancelledFlag?: readonly string[]
}

const address = {
  companyName: ['Firma', 'Firmenname', 'Unternehmen', 'Rechnungsadresse Firma', 'companyName', 'Company'],
  salutation: ['Anrede', 'Rechnungsadresse Anrede', 'Salutation'],
  firstName: ['Vorname', 'Rechnungsadresse Vorname', 'FirstName', 'InvoiceAddress.FirstName'],
  lastName: ['Nachname', 'Rechnungsadresse Nachname', 'LastName', 'InvoiceAddress.LastName'],
  street: ['Straße', 'Strasse', 'Rechnungsadresse Straße', 'Street', 'InvoiceAddress.Street'],
  postalCode: ['PLZ', 'Postleitzahl', 'Rechnungsadresse PLZ', 'Zip', 'InvoiceAddress.Zip'],
  city: ['Ort', 'Stadt', 'Rechnungsadresse Ort', 'City', 'InvoiceAddress.City'],
  country: ['Land', 'Länderkürzel', 'Rechnungsadresse Land', 'CountryISO2', 'Country'],
  email: ['E-Mail', 'Email', 'Rechnungsadresse E-Mail', 'InvoiceAddress.Email'],
  phone: ['Telefon', 'Rechnungsadresse Telefon', 'Phone', 'InvoiceAddress.Phone'],
} as const

export const vendorProfiles: readonly VendorProfile[] = [
  {
    format: 'lexware',
    signature: [
      ['Belegnummer', 'voucherNumber'],
      ['Belegdatum', 'voucherDate'],
      ['Belegtyp', 'Belegart', 'voucherType'],
      ['Belegstatus', 'voucherStatus'],
    ],
    columns: {
      ...address,
      documentNumber: ['Belegnummer', 'voucherNumber'],
      date: ['Belegdatum', 'voucherDate'],
      kind: ['Belegtyp', 'Belegart', 'voucherType'],
      status: ['Belegstatus', 'voucherStatus'],
      customerNumber: ['Kundennummer', 'customerNumber'],
      fullName: ['Kunde', 'Kontakt', 'Kontaktname', 'contactName'],
      netAmount: ['Nettobetrag', 'Summe netto', 'totalNetAmount'],
      grossAmount: ['Bruttobetrag', 'Summe brutto', 'totalGrossAmount'],
      currency: ['Währung', 'currency'],
    },
    kindCodes: {
      salesinvoice: 'invoice',
      invoice: 'invoice',
      downpaymentinvoice: 'invoice',
      abschlagsrechnung: 'invoice',
      salescreditnote: 'credit_note',
      creditnote: 'credit_note',
    },
  },
  {
    format: 'sevdesk',
    signature: [
      ['Rechnungsnummer', 'Rechnungs-Nr.', 'invoiceNumber'],
      ['Rechnungsdatum', 'invoiceDate'],
      ['Rechnungstyp', 'invoiceType'],
      ['Betrag netto', 'sumNet'],
    ],
    columns: {
      ...address,
      documentNumber: ['Rechnungsnummer', 'Rechnungs-Nr.', 'invoiceNumber'],
      date: ['Rechnungsdatum', 'invoiceDate'],
      kind: ['Rechnungstyp', 'invoiceType'],
      status: ['Status', 'status'],
      customerNumber: ['Kunden-Nr.', 'Kundennummer', 'customerNumber'],
      fullName: ['Kunde', 'Kundenname', 'contactName'],
      netAmount: ['Betrag netto', 'sumNet'],
      grossAmount: ['Betrag brutto', 'sumGross'],
      currency: ['Währung', 'currency'],
    },
    // RE invoice, WKR recurring, TR partial, AR down payment, ER final, SR cancellation, MA dunning
    kindCodes: {
      re: 'invoice',
      wkr: 'invoice',
      tr: 'invoice',
      ar: 'invoice',
      er: 'invoice',
      sr: 'cancellation',
      gs: 'credit_note',
      ma: 'skip',
      mahnung: 'skip',
    },
    statusCodes: {
      '50': 'entwurf (deaktiviert)',
      '100': 'entwurf',
      '200': 'offen',
      '750': 'teilbezahlt',
      '1000': 'bezahlt',
    },
  },
  {
    format: 'weclapp',
    signature: [
      ['Rechnungsnummer', 'invoiceNumber'],
      ['Rechnungsdatum', 'invoiceDate'],
      ['Rechnungsart', 'salesInvoiceType'],
      ['Nettobetrag', 'netAmount'],
    ],
    columns: {
      ...address,
      documentNumber: ['Rechnungsnummer', 'invoiceNumber'],
      date: ['Rechnungsdatum', 'invoiceDate'],
      kind: ['Rechnungsart', 'salesInvoiceType'],
      status: ['Status', 'status'],
      customerNumber: ['Kundennummer', 'customerNumber'],
      companyName: ['Kunde', 'Firma', 'customerName', 'invoiceAddress.company'],
      netAmount: ['Nettobetrag', 'netAmount'],
      grossAmount: ['Bruttobetrag', 'grossAmount'],
      currency: ['Währung', 'recordCurrencyName', 'currency'],
    },
    kindCodes: {
      standardinvoice: 'invoice',
      partialinvoice: 'invoice',
      downpaymentinvoice: 'invoice',
      finalinvoice: 'invoice',
      abschlagsrechnung: 'invoice',
      schlussrechnung: 'invoice',
      creditnote: 'credit_note',
      creditadvice: 'credit_note',
      cancellation: 'cancellation',
      cancellationinvoice: 'cancellation',
    },
    statusCodes: { NEW: 'entwurf', ENTRY_IN_PROGRESS: 'entwurf', CANCELLED: 'storniert' },
  },
  {
    format: 'jtl',
    signature: [
      ['Auftragsnummer', 'Auftrags-Nr.'],
      ['Kundennummer', 'Kunden-Nr.'],
      ['Erstelldatum', 'Erstellt am'],
      ['Storno', 'Storniert', 'Ist storniert'],
    ],
    columns: {
      ...address,
      documentNumber: ['Auftragsnummer', 'Auftrags-Nr.'],
      date: ['Erstelldatum', 'Erstellt am'],
      customerNumber: ['Kundennummer', 'Kunden-Nr.'],
      netAmount: ['Auftragswert Netto', 'Gesamtbetrag Netto', 'Netto'],
      grossAmount: ['Auftragswert Brutto', 'Gesamtbetrag Brutto', 'Brutto'],
      currency: ['Währung', 'Währungskürzel'],
    },
    defaultKind: 'order',
    cancelledFlag: ['Storno', 'Storniert', 'Ist storniert'],
  },
  {
    // Shopware 6, profile "Default orders" (Standardprofil Bestellungen): no customer number, so
    // customers are matched by e-mail
    format: 'shopware',
    signature: [['order_number'], ['customer_email'], ['amount_total'], ['order_date_time']],
    columns: {
      documentNumber: ['order_number'],
      date: ['order_date_time'],
      email: ['customer_email'],
      firstName: ['customer_firstname', 'customer_first_name'],
      lastName: ['customer_lastname', 'customer_last_name'],
      companyName: ['billing_address_company'],
      street: ['billing_address_street'],
      postalCode: ['billing_address_zipcode'],
      city: ['billing_address_city'],
      grossAmount: ['amount_total'],
      netAmount: ['amount_net'],
      status: ['order_state', 'state', 'order_state_id'],
      currency: ['currency_iso_code', 'currency'],
    },
    defaultKind: 'order',
  },
  {
    format: 'billbee',
    signature: [
      ['BillBeeOrderId', 'Billbee-ID', 'Billbee ID', 'BillbeeId'],
      ['Bestellnummer', 'OrderNumber'],
      ['Bestelldatum', 'CreatedAt', 'OrderDate'],
    ],
    columns: {
      ...address,
      documentNumber: ['Bestellnummer', 'OrderNumber'],
      date: ['Bestelldatum', 'CreatedAt', 'OrderDate'],
      status: ['Status', 'State', 'Bestellstatus'],
      customerNumber: ['Kundennummer', 'CustomerNumber', 'Customer.Number'],
      grossAmount: ['Gesamtbetrag', 'Gesamt brutto', 'TotalCost'],
      netAmount: ['Gesamt netto', 'Netto', 'TotalCostNet'],
      currency: ['Währung', 'Currency'],
    },
    defaultKind: 'order',
    // Billbee's order states by number
    statusCodes: {
      '1': 'bestellt',
      '2': 'bestätigt',
      '3': 'bezahlt',
      '4': 'versendet',
      '5': 'reklamation',
      '6': 'gelöscht',
      '7': 'abgeschlossen',
      '8': 'storniert',
      '9': 'archiviert',
      '11': 'mahnung',
      '12': '2. mahnung',
      '13': 'gepackt',
      '14': 'angeboten',
      '15': 'zahlungserinnerung',
      '16': 'im fulfillment',
    },
  },
]

/** The profile whose signature columns the headers all have. */
export function recognizeVendor(headers: readonly string[]): VendorProfile | undefined {
  const find = headerIndex(headers)
  return vendorProfiles.find((p) => p.signature.every((names) => find(...names) !== undefined))
}

export function vendorProfile(format: VendorFormat): VendorProfile {
  return vendorProfiles.find((p) => p.format === format)!
}

export function isVendorFormat(format: ImportFormat): format is VendorFormat {
  return vendorProfiles.some((p) => p.format === format)
}

/** The profile's columns found in these headers. */
export function vendorMapping(profile: VendorProfile, headers: readonly string[]): ColumnMapping {
  const found = findColumns(headers, profile.columns as Record<string, readonly string[]>)
  return Object.fromEntries(Object.entries(found).filter(([, i]) => i !== undefined)) as ColumnMapping
}

/** The profile's codes as the generic reader's vocabulary. */
export function vendorVocabulary(
  profile: VendorProfile,
  headers: readonly string[],
  mapping: ColumnMapping,
): RowVocabulary {
  const cancelled = profile.cancelledFlag ? headerIndex(headers)(...profile.cancelledFlag) : undefined
  const kindOf = (row: readonly string[]): OrderKind | 'skip' | undefined => {
    const text = cell(row, mapping.kind)
    if (text === undefined) return profile.defaultKind
    return profile.kindCodes?.[normalizeHeader(text)]
  }
  return {
    kind: (row) => {
      const kind = kindOf(row)
      return kind === 'skip' ? undefined : kind
    },
    status: (row) => {
      if (cancelled !== undefined && parseBoolean(cell(row, cancelled) ?? '') === true) return 'storniert'
      const text = cell(row, mapping.status)
      if (text === undefined) return null
      return (profile.statusCodes?.[text] ?? text).toLowerCase()
    },
    skip: (row) => kindOf(row) === 'skip',
  }
}
