import { analyseNote } from '../src/server/features/assist/analyse-note'
import { reasonModelStatus, trainReasons } from '../src/server/features/assist/reason-model'
import { loadDemoCompany } from '../src/server/features/demo/load-demo-company'
import { createTestDb } from '../test/databases'

/**
 * The call assistant on the demo company (SQLite): the reason model's accuracy on held-out notes
 * (five-fold cross-validation by note text), the time to train it, and the time to read one note
 * as the call dialog asks for it (median of 200). Prints JSON.
 * Usage: tsx bench/assist.bench.ts
 */
const TODAY = '2026-12-03'
const db = await createTestDb('sqlite')
await loadDemoCompany({ db, today: TODAY, now: `${TODAY}T08:00:00Z` })
const trainStarted = performance.now()
await trainReasons({ db: db.kysely, now: `${TODAY}T09:00:00Z`, userId: null })
const trainSeconds = (performance.now() - trainStarted) / 1000
const status = await reasonModelStatus(db.kysely)
const note =
  'Kunde findet uns zu teuer, kauft jetzt bei Büro Schulz. Gutschein über 50 € angeboten, Rückruf nächste Woche Dienstag.'
const times: number[] = []
for (let i = 0; i < 200; i++) {
  const started = performance.now()
  await analyseNote(db.kysely, `${note} ${i}`, TODAY)
  times.push(performance.now() - started)
}
times.sort((a, b) => a - b)
await db.destroy()
console.log(
  JSON.stringify({
    notes: status.confirmedNotes,
    reasons: status.reasons.length,
    accuracy: status.accuracy,
    trainSeconds,
    analyseMs: times[100],
  }),
)
