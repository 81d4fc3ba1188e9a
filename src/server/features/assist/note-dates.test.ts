import { describe, expect, it } from 'vitest'
import { proposeDate } from './note-dates'

// Friday, 4 December 2026
const FRI = '2026-12-04'
const de = (note: string, today = FRI) => proposeDate(note, 'de', today)
const en = (note: string, today = FRI) => proposeDate(note, 'en', today)

describe('the next day a German note names', () => {
  it.each([
    ['Rückruf nächste Woche Dienstag', '2026-12-08', 'nächste Woche Dienstag'],
    ['Donnerstag nächste Woche um 14:30 anrufen', '2026-12-10', 'Donnerstag nächste Woche um 14:30'],
    ['Rückruf in zwei Wochen', '2026-12-18', 'in zwei Wochen'],
    ['in 14 Tagen nachfassen', '2026-12-18', 'in 14 Tagen'],
    ['ab März wieder Bedarf', '2027-03-01', 'ab März'],
    ['Mitte Februar melden', '2027-02-15', 'Mitte Februar'],
    ['Ende März nochmal versuchen', '2027-03-25', 'Ende März'],
    ['am 15.1. nochmal anrufen', '2027-01-15', '15.1.'],
    ['Termin am 15. Januar', '2027-01-15', 'am 15. Januar'],
    ['KW 3 anrufen', '2027-01-18', 'KW 3'],
    ['im neuen Jahr wieder melden', '2027-01-07', 'im neuen Jahr'],
    ['Anfang nächster Woche', '2026-12-07', 'Anfang nächster Woche'],
  ])('%s → %s', (note, day, text) => {
    const date = de(note)
    expect(date?.dueOn).toBe(day)
    expect(date?.text).toBe(text)
  })

  it('crosses the year end: a month or a day already past this year is next year', () => {
    expect(de('Anfang Januar melden', '2026-12-28')?.dueOn).toBe('2027-01-04')
    expect(de('am 2.1. anrufen', '2026-12-28')?.dueOn).toBe('2027-01-04')
    expect(de('ab Februar wieder', '2026-12-28')?.dueOn).toBe('2027-02-01')
    // "im Dezember" in December: later this month, not next year
    expect(de('im Dezember nochmal', '2026-12-04')?.dueOn).toBe('2026-12-07')
  })

  it('moves weekends and fixed holidays to the next working day, and says so', () => {
    expect(de('übermorgen um 10 Uhr')).toEqual({
      dueOn: '2026-12-07',
      dueTime: '10:00',
      text: 'übermorgen um 10 Uhr',
      movedFromWeekend: true,
    })
    // 1 January 2027 is a Friday and a holiday
    expect(de('Anfang Januar melden')?.dueOn).toBe('2027-01-04')
  })

  it('takes the day of the next contact, not a day the note reports', () => {
    expect(de('Bestellung vom 12.10. reklamiert, Rückruf morgen')?.dueOn).toBe('2026-12-07')
    expect(de('Am 3.12. Angebot geschickt. Rückruf am 15.12.')?.dueOn).toBe('2026-12-15')
  })

  it('names no day when the note has none, also with a negation', () => {
    expect(de('kein Interesse mehr')).toBeNull()
    expect(de('Bitte nicht mehr anrufen.')).toBeNull()
  })
})

describe('the next day an English note names', () => {
  it.each([
    ['call back in two weeks', '2026-12-18'],
    ['next Tuesday', '2026-12-08'],
    ['back in March', '2027-03-01'],
    ['call on Jan 15 at 3pm', '2027-01-15'],
    ['after the holidays', '2027-01-07'],
    ['end of March', '2027-03-31'],
  ])('%s → %s', (note, day) => {
    expect(en(note)?.dueOn).toBe(day)
  })

  it('keeps the time named', () => {
    expect(en('call back tomorrow at 3pm', '2026-12-07')).toMatchObject({
      dueOn: '2026-12-08',
      dueTime: '15:00',
    })
  })
})
