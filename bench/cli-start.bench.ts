import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * How long `winback` takes to answer, as a user calls it: `--help`, and `score --transactions` of a
 * small file (200 customers, 800 purchases). Prints JSON: the median seconds of each, from
 * the build (bin/winback.js, built beforehand) and from the TypeScript sources (WINBACK_FROM_SOURCE=1).
 */
const root = path.resolve(import.meta.dirname, '..')
const runs = Number(process.argv[2] ?? 5)
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'winback-cli-bench-'))
const transactions = path.join(dataDir, 'transactions.csv')
const lines = ['customer_id,date,amount']
for (let i = 0; i < 800; i++) {
  const day = new Date(Date.UTC(2024, 0, 1) + ((i * 7919) % 700) * 86_400_000).toISOString().slice(0, 10)
  lines.push(`C${i % 200},${day},${10 + (i % 90)}`)
}
fs.writeFileSync(transactions, `${lines.join('\n')}\n`)

function seconds(args: string[], fromSource: boolean): number {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint()
    const result = spawnSync(process.execPath, [path.join(root, 'bin/winback.js'), ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, WINBACK_DATA_DIR: dataDir, WINBACK_FROM_SOURCE: fromSource ? '1' : '0' },
    })
    if (result.status !== 0) throw new Error(`winback ${args.join(' ')} failed:\n${result.stderr}`)
    times.push(Number(process.hrtime.bigint() - started) / 1e9)
  }
  return [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!
}

// the first call after a change builds; that is not what is measured
seconds(['--help'], false)
const score = ['score', '--transactions', transactions, '--json', '--no-progress']
console.log(
  JSON.stringify({
    helpSeconds: seconds(['--help'], false),
    scoreSeconds: seconds(score, false),
    helpFromSourceSeconds: seconds(['--help'], true),
    scoreFromSourceSeconds: seconds(score, true),
  }),
)
fs.rmSync(dataDir, { recursive: true, force: true })
