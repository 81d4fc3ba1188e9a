import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { fromEpochDay, todayIn, toEpochDay } from '../server/lib/dates'
import { formatDate } from '../shared/i18n/format'

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'winback-score-file-'))
const winback = async (...args: string[]) =>
  (await run(process.execPath, [path.join(root, 'bin/winback.js'), ...args], { cwd: root })).stdout

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

/** 600 customers buying every few weeks in 2025, and one purchase typed as 2030. */
function writeFile(): string {
  const lines = ['customer_id;date;amount']
  for (let c = 1; c <= 600; c++) {
    for (let day = toEpochDay('2025-01-01') + (c % 20); day < toEpochDay('2025-12-31'); day += 20 + (c % 40))
      lines.push(`K${c};${fromEpochDay(day).split('-').reverse().join('.')};${(10 + (c % 7)).toString()},50`)
  }
  lines.push('K7;05.01.2030;12,00')
  const file = path.join(dir, 'umsatz.csv')
  fs.writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}

describe('winback score --transactions with dates after today', () => {
  const file = writeFile()

  it('scores as of today, not 2030, and says which dates it used and what it left out', async () => {
    const out = await winback(
      '--lang',
      'en',
      'score',
      '--transactions',
      file,
      '--model',
      'bgnbd',
      '--no-progress',
    )
    const today = formatDate(todayIn(), 'en')
    expect(out).toContain(
      `dates: calibration end ${today} (today: the file has purchases after it); scores as of ${today}`,
    )
    expect(out).toMatch(/^model: bgnbd, as requested; time unit: weeks$/m)
    expect(out).toContain('600 customers scored')
    expect(out).toMatch(/warning: 1 purchases are dated after today \(.+\), the latest on 05\/01\/2030/)
    expect(out).toMatch(/warning: 1 purchases by 1 customers after .+ were left out/)
  })

  it('says so in German and in the JSON', async () => {
    const json = JSON.parse(
      await winback(
        'score',
        '--transactions',
        file,
        '--model',
        'bgnbd',
        '--calibration-end',
        '2025-12-31',
        '--json',
      ),
    )
    expect(json).toMatchObject({ calibrationEnd: '2025-12-31', holdoutEnd: null, asOf: '2025-12-31' })
    expect(json.warnings).toEqual(
      expect.arrayContaining([
        {
          code: 'purchases_after_as_of',
          purchases: 1,
          customers: 1,
          asOf: '2025-12-31',
          latest: '2030-01-05',
        },
        expect.objectContaining({ code: 'future_purchases', purchases: 1, latest: '2030-01-05' }),
      ]),
    )
    const german = await winback('score', '--transactions', file, '--model', 'bgnbd', '--no-progress')
    expect(german).toContain('1 Käufe sind nach heute')
    expect(german).toContain('05.01.2030')
    // the whole summary in German: dates, figures with decimal commas, no English label left
    expect(german).toContain(
      `Kalibrierung bis ${formatDate(todayIn(), 'de')} (heute: die Datei hat Käufe danach)`,
    )
    expect(german).toMatch(/^Log-Likelihood: −?-?[\d.]+,\d+, BIC: [\d.]+,\d$/m)
    expect(german).toContain('600 Kunden bewertet')
    expect(german).not.toMatch(/calibration|customers scored|warning:|parameters:/)
  })
})

describe('winback score --model bgbb --period', () => {
  it('scores by year and insists on a period', async () => {
    const file = path.join(dir, 'spenden.csv')
    const lines = ['customer_id,date,amount']
    for (let c = 1; c <= 300; c++)
      for (let y = 2019 + (c % 3); y <= 2025; y++)
        if ((c * y) % 4 !== 0) lines.push(`S${c},${y}-11-${10 + (c % 15)},50.00`)
    fs.writeFileSync(file, `${lines.join('\n')}\n`)
    const json = JSON.parse(
      await winback(
        'score',
        '--transactions',
        file,
        '--model',
        'bgbb',
        '--period',
        'year',
        '--calibration-end',
        '2025-12-31',
        '--json',
      ),
    )
    expect(json).toMatchObject({ model: 'bgbb', timeUnit: 'year', chosenBy: 'requested' })
    expect(Object.keys(json.params)).toEqual(['alpha', 'beta', 'gamma', 'delta'])
    expect(json.customers.length).toBeGreaterThan(200)
    expect(json.customers[0].explanation).toMatch(/in 1 Jahr\b/)
    const failure = await winback('score', '--transactions', file, '--model', 'bgbb').catch(
      (e: { stderr: string }) => e,
    )
    expect(String((failure as { stderr: string }).stderr)).toContain(
      '--model bgbb needs --period year, quarter or month',
    )
  })
})
