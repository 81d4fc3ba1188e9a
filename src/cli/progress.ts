import cliProgress from 'cli-progress'

/**
 * A progress bar on stderr (stdout stays clean for --json and --csv). Without a terminal it prints
 * a line per phase and every 10 %, so logs of long runs still show how far they got.
 */
export function createProgress(enabled: boolean) {
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
          bar.start(Math.max(total, 1), done, { phase: phase.padEnd(12) })
          started = true
          currentPhase = phase
        } else {
          bar.setTotal(Math.max(total, 1))
          bar.update(done, { phase: phase.padEnd(12) })
        }
        return
      }
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 0
      if (phase !== currentPhase || tenth !== lastTenth) {
        process.stderr.write(`${phase}: ${done}/${total}\n`)
        currentPhase = phase
        lastTenth = tenth
      }
    },
    stop() {
      if (started && tty) bar.stop()
    },
  }
}
