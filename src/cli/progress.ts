import cliProgress from 'cli-progress'
import type { Locale } from '../shared/i18n/format'
import { cliTranslator } from './cli-text'

/**
 * A progress bar on stderr (stdout stays clean for --json and --csv). Without a terminal it prints
 * a line per phase and every 10 %, so logs of long runs still show how far they got. Phases are
 * named in the --lang language.
 */
export function createProgress(enabled: boolean, locale: Locale) {
  const say = cliTranslator(locale)
  const named = (phase: string) => say(`cli.phase.${phase}`, { defaultValue: phase }).padEnd(16)
  const bar = new cliProgress.SingleBar(
    {
      format: '{phase} [{bar}] {percentage}% | {value}/{total}',
      stream: process.stderr,
      hideCursor: true,
      noTTYOutput: false,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  )
  const tty = process.stderr.isTTY === true
  let currentPhase = ''
  let lastTenth = -1
  let started = false
  return {
    update(phase: string, done: number, total: number) {
      if (!enabled) return
      if (tty) {
        if (!started || phase !== currentPhase) {
          if (started) bar.stop()
          bar.start(Math.max(total, 1), done, { phase: named(phase) })
          started = true
          currentPhase = phase
        } else {
          bar.setTotal(Math.max(total, 1))
          bar.update(done, { phase: named(phase) })
        }
        return
      }
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 0
      if (phase !== currentPhase || tenth !== lastTenth) {
        process.stderr.write(`${named(phase).trimEnd()}: ${done}/${total}\n`)
        currentPhase = phase
        lastTenth = tenth
      }
    },
    stop() {
      if (started && tty) bar.stop()
    },
  }
}
