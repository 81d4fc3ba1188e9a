import * as chrono from 'chrono-node'
import { addDays, daysInMonth, type IsoDate, isoDate, isValidDate, weekdayOf } from '../../lib/dates'
import type { NoteLanguage } from './note-text'

/**
 * The day a note asks to call again: "Rückruf nächste Woche Dienstag", "ab März wieder Bedarf",
 * "KW 3", "am 15.1.", "call back in two weeks". chrono-node reads the common phrases in German and
 * English; the rules here add what it misses in German sales notes (a month on its own, with
 * Anfang/Mitte/Ende; a day and month without year; calendar weeks; "nächste Woche Dienstag"; the
 * new year). Every date is the next one on or after the company's today (which already is in the
 * company's time zone), so "im Januar" in December is next January. A weekend becomes the Monday.
 */

export interface ProposedDate {
  dueOn: IsoDate
  /** 'HH:MM' when the note names a time */
  dueTime: string | null
  /** the words of the note the date comes from */
  text: string
  /** the note's day fell on a weekend or holiday and was moved to the next working day */
  movedFromWeekend: boolean
}

const MONTHS: Record<string, number> = {
  januar: 1,
  janner: 1,
  jan: 1,
  februar: 2,
  feb: 2,
  marz: 3,
  maerz: 3,
  mar: 3,
  april: 4,
  apr: 4,
  mai: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  dezember: 12,
  dez: 12,
}
const WEEKDAYS: Record<string, number> = {
  montag: 1,
  dienstag: 2,
  mittwoch: 3,
  donnerstag: 4,
  freitag: 5,
  samstag: 6,
  sonntag: 0,
}

const plain = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')

function parts(date: IsoDate) {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return { year: y, month: m, day: d }
}

/** The first day with this month and day on or after today. */
function nextOccurrence(today: IsoDate, month: number, day: number): IsoDate | null {
  const { year } = parts(today)
  for (const y of [year, year + 1]) {
    const d = Math.min(day, daysInMonth(y, month))
    if (!isValidDate(y, month, d)) return null
    const date = isoDate(y, month, d)
    if (date >= today) return date
  }
  return null
}

/** Monday of ISO week `week` of `year`. */
function mondayOfIsoWeek(year: number, week: number): IsoDate {
  const jan4 = isoDate(year, 1, 4)
  const monday = addDays(jan4, -((weekdayOf(jan4) + 6) % 7))
  return addDays(monday, (week - 1) * 7)
}

/** The rules chrono's German lacks, as chrono parsers relative to `today`. */
function germanRules(today: IsoDate): chrono.Parser[] {
  const monthNames = Object.keys(MONTHS)
    .sort((a, b) => b.length - a.length)
    .join('|')
  return [
    {
      // Anfang/Mitte/Ende März, ab März, im März 2027
      pattern: () =>
        new RegExp(
          `(?<![\\p{L}])(?:(anfang|mitte|ende)\\s+)?(?:(?:ab|im|in|bis|zum|fur)\\s+)?(${monthNames})\\.?(?:\\s+(\\d{4}))?(?![\\p{L}])`,
          'iu',
        ),
      extract: (_context, match) => {
        const month = MONTHS[plain(match[2] ?? '')]
        if (!month) return null
        const part = plain(match[1] ?? '')
        const wanted = part === 'mitte' ? 15 : part === 'ende' ? 25 : 1
        const year = match[3] ? Number(match[3]) : null
        let date = year ? isoDate(year, month, wanted) : nextOccurrence(today, month, wanted)
        // "im Dezember" said in December: later this month
        if (!year && date && parts(date).year > parts(today).year && month === parts(today).month)
          date = addDays(today, 1)
        return date ? parts(date) : null
      },
    },
    {
      // 15.1. or 15.01. without a year
      pattern: () => /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(?!\d)/,
      extract: (_context, match) => {
        const month = Number(match[2])
        const day = Number(match[1])
        const { year } = parts(today)
        // a day of the last three months is one that was ("Bestellung vom 12.10."), not next year's
        if (
          isValidDate(year, month, day) &&
          isoDate(year, month, day) < today &&
          isoDate(year, month, day) >= addDays(today, -90)
        )
          return null
        const date = nextOccurrence(today, month, day)
        return date && isValidDate(parts(date).year, Number(match[2]), Number(match[1])) ? parts(date) : null
      },
    },
    {
      // KW 3, Kalenderwoche 12
      pattern: () => /\b(?:kw|kalenderwoche)\s*(\d{1,2})\b/i,
      extract: (_context, match) => {
        const week = Number(match[1])
        if (week < 1 || week > 53) return null
        const { year } = parts(today)
        let date = mondayOfIsoWeek(year, week)
        if (addDays(date, 6) < today) date = mondayOfIsoWeek(year + 1, week)
        return parts(date < today ? today : date)
      },
    },
    {
      // nächste Woche Dienstag, Anfang/Mitte/Ende nächster Woche, übernächste Woche
      pattern: () =>
        /(?:(anfang|mitte|ende)\s+)?(uber)?(?:nachste[rn]?|kommende[rn]?)\s+woche(?:\s+(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag))?/i,
      extract: (_context, match) => {
        const monday = addDays(today, 7 - ((weekdayOf(today) + 6) % 7) + (match[2] ? 7 : 0))
        const weekday = match[3] ? WEEKDAYS[plain(match[3])] : undefined
        const part = plain(match[1] ?? '')
        const offset =
          weekday !== undefined ? (weekday + 6) % 7 : part === 'mitte' ? 2 : part === 'ende' ? 4 : 0
        return parts(addDays(monday, offset))
      },
    },
    {
      // im neuen Jahr, nach Neujahr, nach den Feiertagen; after the holidays, in the new year
      pattern: () =>
        /(?:im\s+neuen\s+jahr|nach\s+(?:neujahr|den\s+feiertagen|weihnachten)|anfang\s+(?:des\s+)?(?:neuen|nachsten)\s+jahres|after\s+(?:the\s+)?(?:holidays|christmas|new\s+year)|in\s+the\s+new\s+year)/i,
      // after Epiphany, when offices are back
      extract: () => parts(nextOccurrence(today, 1, 7)!),
    },
  ]
}

let cached: { today: IsoDate; de: chrono.Chrono } | null = null

function germanChrono(today: IsoDate): chrono.Chrono {
  if (cached?.today === today) return cached.de
  const de = chrono.de.casual.clone()
  de.parsers.push(...germanRules(today))
  cached = { today, de }
  return de
}

/**
 * The first day on or after today the note names, as a Wiedervorlage could take it; null when it
 * names none. Accents are kept for chrono, which knows "März", and dropped for the own rules.
 */
export function proposeDate(note: string, language: NoteLanguage, today: IsoDate): ProposedDate | null {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number]
  // noon, so no time zone can move the reference to another day
  const reference = { instant: new Date(Date.UTC(y, m - 1, d, 12)), timezone: 0 }
  const readers =
    language === 'de' ? [chrono.de.casual, germanChrono(today)] : [chrono.en.casual, germanChrono(today)]
  const found: { index: number; text: string; date: IsoDate; time: string | null }[] = []
  for (const [i, reader] of readers.entries()) {
    // the own rules read the note without accents, chrono with them
    const text = i === 0 ? note : plain(note)
    for (const r of reader.parse(text, reference, { forwardDate: true })) {
      const year = r.start.get('year')
      const month = r.start.get('month')
      const day = r.start.get('day')
      if (!year || !month || !day || !isValidDate(year, month, day)) continue
      const date = isoDate(year, month, day)
      if (date < today) continue
      const time = r.start.isCertain('hour')
        ? `${String(r.start.get('hour')).padStart(2, '0')}:${String(r.start.get('minute') ?? 0).padStart(2, '0')}`
        : null
      found.push({ index: r.index, text: note.slice(r.index, r.index + r.text.length), date, time })
    }
  }
  if (found.length === 0) return null
  // the first date in a clause that speaks of a next contact, else the first date at all ("Bestellung
  // vom 12.10. reklamiert, Rückruf morgen" is tomorrow); of two readings at one place, the longer
  found.sort((a, b) => a.index - b.index || b.text.length - a.text.length)
  const first = found.find((f) => FOLLOW_UP_CUE.test(clauseAround(note, f.index))) ?? found[0]!
  const working = workingDayFrom(first.date)
  return {
    dueOn: working,
    dueTime: first.time,
    text: first.text.trim(),
    movedFromWeekend: working !== first.date,
  }
}

const FOLLOW_UP_CUE =
  /r(?:ü|ue)ckruf|zur(?:ü|ue)ckrufen|anrufen|melden|nochmal|erneut|wieder|bedarf|termin|besuch|wiedervorlage|nachfassen|call|back|follow|again|contact|visit|need/i

function clauseAround(note: string, index: number): string {
  const start = Math.max(
    note.lastIndexOf(',', index),
    note.lastIndexOf('. ', index - 1),
    note.lastIndexOf(';', index),
  )
  const ends = [',', ';', '\n', '. '].map((c) => note.indexOf(c, index)).filter((i) => i >= 0)
  return note.slice(start + 1, ends.length > 0 ? Math.min(...ends) : note.length)
}

/** Nationwide holidays on fixed dates, on which nobody is called back. */
const FIXED_HOLIDAYS = new Set(['01-01', '05-01', '10-03', '12-24', '12-25', '12-26', '12-31'])

/** The day itself if it is a working day, else the next one (weekends and fixed holidays). */
function workingDayFrom(date: IsoDate): IsoDate {
  let day = date
  while (weekdayOf(day) === 0 || weekdayOf(day) === 6 || FIXED_HOLIDAYS.has(day.slice(5)))
    day = addDays(day, 1)
  return day
}
