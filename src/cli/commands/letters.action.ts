import fs from 'node:fs'
import type { Command } from 'commander'
import { campaignLetters } from '../../server/features/messaging/letters'
import { type GlobalOptions, withContext } from '../context'

export const runLetters = async (
  campaignId: string,
  options: { out: string; step: string },
  command: Command,
) => {
  await withContext(command.optsWithGlobals<GlobalOptions>(), async (ctx) => {
    const id = Number(campaignId)
    const step = Number(options.step) - 1
    if (!Number.isInteger(id) || id <= 0) throw new Error(`campaignId: "${campaignId}" is not a campaign id`)
    if (!Number.isInteger(step) || step < 0) throw new Error(`--step: "${options.step}" is not a step number`)
    const now = new Date().toISOString()
    const result = await campaignLetters(
      { db: ctx.db, config: ctx.config, clock: () => new Date() },
      { campaignId: id, step, locale: ctx.locale },
      { userId: null, now, today: ctx.today },
    )
    const csv = `${options.out.replace(/\.pdf$/i, '')}.csv`
    fs.writeFileSync(options.out, result.pdf)
    fs.writeFileSync(csv, result.csv)
    const left = Object.entries(result.leftOut)
      .map(([why, n]) => `${why} ${n}`)
      .join(', ')
    process.stdout.write(
      `${result.letters} letters → ${options.out}, ${csv}${left ? `; left out: ${left}` : ''}\n`,
    )
  })
}
