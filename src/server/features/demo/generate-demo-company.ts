import { type Faker, fakerDE } from '@faker-js/faker'
import type { Role } from '../../../shared/roles'
import { addDays, fromEpochDay, type IsoDate, toEpochDay } from '../../lib/dates'
import type { CustomerRecord, DocumentRecord } from '../imports/records'
import { foreignPlaces, germanPlaces } from './places'

/**
 * A realistic German wholesaler for Gastronomie-, Hotel- und Bürobedarf ("Nordlicht Großhandel GmbH"):
 * about 2,000 customers (mostly businesses, some consumers) and five years of invoices up to `endDate`,
 * with credit notes and cancellations, seasonal buyers, one-time buyers, customers who drifted away,
 * customers who came back, stock-up and project customers, and service contracts. Fixed seed: the
 * same end date always gives the same company.
 */
export interface DemoCompany {
  name: string
  users: { email: string; name: string; role: Role }[]
  customers: CustomerRecord[]
  documents: DocumentRecord[]
  contracts: DemoContract[]
}

export interface DemoContract {
  customerNumber: string
  number: string
  product: string
  startedOn: IsoDate
  endsOn: IsoDate | null
  cancelledOn: IsoDate | null
  monthlyValueCents: number
}

export const DEMO_PASSWORD = 'winback-demo'
export const DEMO_SEED = 20_261_123

type Archetype =
  | 'steady'
  | 'seasonal'
  | 'one_time'
  | 'drifted'
  | 'churned'
  | 'came_back'
  | 'stock_up'
  | 'project'
  | 'new'
  | 'at_risk'

interface Segment {
  name: string
  share: number
  /** median days between orders and median net order value in euros */
  intervalDays: number
  orderEuros: number
  consumer?: boolean
}

const segments: Segment[] = [
  { name: 'Gastronomie', share: 0.27, intervalDays: 21, orderEuros: 420 },
  { name: 'Hotellerie', share: 0.11, intervalDays: 30, orderEuros: 950 },
  { name: 'Einzelhandel', share: 0.16, intervalDays: 45, orderEuros: 620 },
  { name: 'Handwerk', share: 0.13, intervalDays: 60, orderEuros: 340 },
  { name: 'Büro & Verwaltung', share: 0.12, intervalDays: 70, orderEuros: 280 },
  { name: 'Gesundheitswesen', share: 0.07, intervalDays: 40, orderEuros: 510 },
  { name: 'Privatkunden', share: 0.14, intervalDays: 150, orderEuros: 85, consumer: true },
]

const archetypes: { value: Archetype; weight: number }[] = [
  { value: 'steady', weight: 34 },
  { value: 'seasonal', weight: 7 },
  { value: 'one_time', weight: 12 },
  { value: 'drifted', weight: 14 },
  { value: 'churned', weight: 8 },
  { value: 'came_back', weight: 6 },
  { value: 'stock_up', weight: 3 },
  { value: 'project', weight: 3 },
  { value: 'new', weight: 6 },
  { value: 'at_risk', weight: 7 },
]

const users: DemoCompany['users'] = [
  { email: 'admin@winback.demo', name: 'Sabine Hartmann', role: 'admin' },
  { email: 'leitung@winback.demo', name: 'Thomas Berger', role: 'manager' },
  { email: 'julia.neumann@winback.demo', name: 'Julia Neumann', role: 'rep' },
  { email: 'markus.schaefer@winback.demo', name: 'Markus Schäfer', role: 'rep' },
  { email: 'deniz.yilmaz@winback.demo', name: 'Deniz Yılmaz', role: 'rep' },
]

const YEARS = 5
const CUSTOMERS = 2000

function companyName(f: Faker, segment: string, lastName: string, city: string): string {
  const pick = <T>(items: readonly T[]) => f.helpers.arrayElement(items)
  switch (segment) {
    case 'Gastronomie':
      return `${pick(['Gasthaus', 'Restaurant', 'Café', 'Bistro', 'Brauhaus', 'Landgasthof', 'Pizzeria', 'Eiscafé'])} ${lastName}`
    case 'Hotellerie':
      return pick([
        `Hotel ${lastName}`,
        `Hotel ${city}er Hof`,
        `Pension ${lastName}`,
        `Landhotel ${lastName} GmbH`,
      ])
    case 'Einzelhandel':
      return `${lastName} ${pick(['Feinkost', 'Haushaltswaren', 'Geschenkideen', 'Kaufhaus', 'Getränkemarkt'])} e.K.`
    case 'Handwerk':
      return `${lastName} ${pick(['Bau', 'Elektrotechnik', 'Sanitär', 'Malerbetrieb', 'Tischlerei', 'Dachdeckerei'])} GmbH`
    case 'Gesundheitswesen':
      return pick([
        `Praxis Dr. ${lastName}`,
        `Pflegedienst ${lastName} GmbH`,
        `Apotheke ${lastName}`,
        `Physiotherapie ${lastName}`,
      ])
    default: {
      const name = f.company.name()
      return /GmbH|KG|AG|OHG|e\.K\./.test(name)
        ? name
        : `${name} ${pick(['GmbH', 'GmbH & Co. KG', 'KG', 'OHG'])}`
    }
  }
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 30)
    .replace(/^-+|-+$/g, '')
}

/** A lognormal draw around a median, so order values and intervals have realistic long tails. */
function lognormal(f: Faker, median: number, sigma: number): number {
  const u1 = Math.max(1e-12, f.number.float({ min: 0, max: 1 }))
  const u2 = f.number.float({ min: 0, max: 1 })
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)
  return median * Math.exp(sigma * z)
}

interface Plan {
  start: number
  /** purchase days, ascending */
  days: number[]
  /** value multiplier per purchase */
  factors: number[]
}

/** The days a customer of an archetype buys on, between `first` and `end` (epoch days). */
function planPurchases(f: Faker, archetype: Archetype, interval: number, first: number, end: number): Plan {
  const days: number[] = []
  const factors: number[] = []
  const jitter = () => f.number.float({ min: 0.7, max: 1.35 })
  const push = (day: number, factor = 1) => {
    if (day <= end && (days.length === 0 || day > days.at(-1)!)) {
      days.push(day)
      factors.push(factor)
    }
  }
  const steadyUntil = (from: number, until: number, stretch = () => 1, value = () => 1) => {
    for (let d = from; d <= until; d += Math.max(3, Math.round(interval * jitter() * stretch())))
      push(d, value())
  }
  switch (archetype) {
    case 'steady':
      steadyUntil(first, end - f.number.int({ min: 0, max: Math.round(interval) }))
      break
    case 'seasonal': {
      for (let d = first; d <= end; d += f.number.int({ min: 12, max: 25 })) {
        const month = Number(fromEpochDay(d).slice(5, 7))
        if (month >= 4 && month <= 8) push(d)
      }
      break
    }
    case 'one_time':
      push(f.number.int({ min: first, max: end - 100 }))
      break
    case 'drifted': {
      const stop = end - f.number.int({ min: 120, max: 1000 })
      const driftFrom = stop - f.number.int({ min: 200, max: 400 })
      let stretch = 1
      let value = 1
      steadyUntil(first, driftFrom)
      for (
        let d = Math.max(first, driftFrom) + Math.round(interval);
        d <= stop;
        d += Math.round(interval * jitter() * stretch)
      ) {
        push(d, value)
        stretch *= 1.25
        value *= 0.85
      }
      break
    }
    case 'churned':
      steadyUntil(first, end - f.number.int({ min: 200, max: 1100 }))
      break
    case 'came_back': {
      const pauseStart = end - f.number.int({ min: 500, max: 800 })
      const pauseDays = f.number.int({ min: 380, max: 560 })
      steadyUntil(Math.min(first, pauseStart - 400), pauseStart)
      steadyUntil(pauseStart + pauseDays, end - f.number.int({ min: 0, max: Math.round(interval) }))
      break
    }
    case 'stock_up': {
      const bigDay =
        end - f.number.int({ min: Math.round(interval * 2.5), max: Math.round(interval * 6) + 30 })
      steadyUntil(first, bigDay - Math.round(interval))
      push(bigDay, f.number.float({ min: 5, max: 8 }))
      break
    }
    case 'project': {
      const projectStart = f.number.int({ min: first, max: end - 200 })
      for (
        let i = 0, d = projectStart;
        i < f.number.int({ min: 5, max: 12 });
        i++, d += f.number.int({ min: 5, max: 15 })
      ) {
        push(d, f.number.float({ min: 1.5, max: 4 }))
      }
      break
    }
    case 'new':
      steadyUntil(end - f.number.int({ min: 5, max: 85 }), end)
      break
    case 'at_risk': {
      const overdue = Math.round(interval * f.number.float({ min: 2.3, max: 3.6 }))
      steadyUntil(first, end - Math.max(overdue, 35))
      break
    }
  }
  return { start: first, days, factors }
}

export function generateDemoCompany(endDate: IsoDate): DemoCompany {
  const f = fakerDE
  f.seed(DEMO_SEED)
  const end = toEpochDay(endDate)
  const begin = toEpochDay(addDays(endDate, -YEARS * 365))
  const customers: CustomerRecord[] = []
  const planned: { number: string; segment: Segment; plan: Plan; euros: number; margin: number }[] = []
  const contracts: DemoContract[] = []
  const reps = users.filter((u) => u.role === 'rep')

  for (let i = 0; i < CUSTOMERS; i++) {
    const number = String(10001 + i)
    const segment = f.helpers.weightedArrayElement(segments.map((s) => ({ value: s, weight: s.share })))
    const archetype = f.helpers.weightedArrayElement(archetypes)
    const sex = f.helpers.arrayElement(['female', 'male'] as const)
    const firstName = f.person.firstName(sex)
    const lastName = f.person.lastName()
    const foreign = f.number.float({ min: 0, max: 1 }) < 0.04
    const [city, basePostalCode, country] = foreign
      ? f.helpers.arrayElement(foreignPlaces)
      : [...f.helpers.arrayElement(germanPlaces), 'DE']
    const postalCode = foreign
      ? basePostalCode
      : String(Number(basePostalCode) + f.number.int({ min: 0, max: 40 })).padStart(5, '0')
    const consumer = segment.consumer === true
    const company = consumer ? undefined : companyName(f, segment.name, lastName, city)
    // the reserved .example top-level domain: demo e-mails can never reach anyone
    const domain = company ? `${slug(company)}.example` : 'mail.example'
    const interval = Math.max(7, lognormal(f, segment.intervalDays, 0.45))
    const first =
      archetype === 'new'
        ? end - 90
        : f.number.int({ min: begin, max: end - (archetype === 'one_time' ? 200 : 400) })
    const plan = planPurchases(f, archetype, interval, first, end)
    const keyAccount = !consumer && f.number.float({ min: 0, max: 1 }) < 0.04
    const owner = consumer
      ? undefined
      : keyAccount
        ? 'leitung@winback.demo'
        : reps[Number(postalCode[0]) % reps.length]!.email
    customers.push({
      customerNumber: number,
      type: consumer ? 'consumer' : 'business',
      ...(company && { companyName: company }),
      salutation: sex === 'female' ? 'Frau' : 'Herr',
      firstName,
      lastName,
      email: f.internet.email({ firstName, lastName, provider: domain }).toLowerCase(),
      phone: f.phone.number(),
      street: `${f.location.street()} ${f.location.buildingNumber()}`,
      postalCode,
      city,
      country,
      segment: segment.name,
      tags: keyAccount ? ['Key Account'] : archetype === 'seasonal' ? ['Saisonbetrieb'] : [],
      ...(owner && { owner }),
      isProjectCustomer: archetype === 'project',
    })
    planned.push({
      number,
      segment,
      plan,
      euros: lognormal(f, segment.orderEuros, 0.6),
      margin: f.number.float({ min: 0.18, max: 0.36 }),
    })
    if (
      !consumer &&
      (segment.name === 'Büro & Verwaltung' || segment.name === 'Hotellerie') &&
      f.number.float({ min: 0, max: 1 }) < 0.25
    ) {
      const startDay = f.number.int({ min: begin, max: end - 200 })
      const cancelled = f.number.float({ min: 0, max: 1 }) < 0.35
      const cancelDay = cancelled ? f.number.int({ min: startDay + 90, max: end }) : null
      contracts.push({
        customerNumber: number,
        number: `SV-${number}`,
        product: f.helpers.arrayElement([
          'Kaffeevollautomat Service',
          'Wasserspender Miete',
          'Wartungsvertrag Spülmaschine',
        ]),
        startedOn: fromEpochDay(startDay),
        cancelledOn: cancelDay === null ? null : fromEpochDay(cancelDay),
        endsOn: cancelDay === null ? null : fromEpochDay(cancelDay + f.number.int({ min: 30, max: 120 })),
        monthlyValueCents: f.number.int({ min: 39, max: 189 }) * 100,
      })
    }
  }

  const events = planned.flatMap((p) => p.plan.days.map((day, k) => ({ p, day, factor: p.plan.factors[k]! })))
  events.sort((a, b) => a.day - b.day || Number(a.p.number) - Number(b.p.number))
  const documents: DocumentRecord[] = []
  const counters = new Map<string, number>()
  const nextNumber = (prefix: string, day: number) => {
    const year = fromEpochDay(day).slice(0, 4)
    const key = `${prefix}-${year}`
    const n = (counters.get(key) ?? 0) + 1
    counters.set(key, n)
    return `${key}-${String(n).padStart(5, '0')}`
  }
  for (const { p, day, factor } of events) {
    const net = Math.max(500, Math.round(p.euros * factor * f.number.float({ min: 0.6, max: 1.5 }) * 100))
    const date = fromEpochDay(day)
    const number = nextNumber('RE', day)
    documents.push(document(p.number, 'invoice', number, null, date, net, Math.round(net * p.margin)))
    const roll = f.number.float({ min: 0, max: 1 })
    if (roll < 0.007 && day + 3 <= end) {
      documents.push(
        document(
          p.number,
          'cancellation',
          nextNumber('ST', day + 3),
          number,
          fromEpochDay(day + 3),
          -net,
          -Math.round(net * p.margin),
        ),
      )
    } else if (roll < 0.04 && day + 10 <= end) {
      const share = f.number.float({ min: 0.1, max: 0.5 })
      const credit = Math.round(net * share)
      const creditDay = day + f.number.int({ min: 3, max: 10 })
      documents.push(
        document(
          p.number,
          'credit_note',
          nextNumber('GS', creditDay),
          number,
          fromEpochDay(creditDay),
          -credit,
          -Math.round(credit * p.margin),
        ),
      )
    }
  }
  return { name: 'Nordlicht Großhandel GmbH', users, customers, documents, contracts }
}

function document(
  customerNumber: string,
  kind: DocumentRecord['kind'],
  number: string,
  referenceNumber: string | null,
  date: IsoDate,
  netCents: number,
  marginCents: number,
): DocumentRecord {
  return {
    customerNumber,
    externalKey: `${kind}:${number}`,
    kind,
    number,
    referenceNumber,
    date,
    netCents,
    grossCents: Math.round(netCents * 1.19),
    marginCents,
    currency: 'EUR',
    status: kind === 'invoice' ? 'bezahlt' : null,
    countsAsPurchase: kind === 'invoice',
    quantity: null,
    line: 0,
  }
}
