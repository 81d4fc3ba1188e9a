import type { Command } from 'commander'
import { lazyAction } from '../lazy-action'

export function registerSend(program: Command): void {
  program
    .command('send')
    .argument('<campaignId>', 'the campaign')
    .description(
      "Send a campaign's e-mail step to its treated members the law allows (once per step), and work the queue until it is sent",
    )
    .option('--step <n>', 'the step, counted from 1', '1')
    .option('--json', 'print the counts as JSON')
    .action(lazyAction(() => import('./send.action'), 'runSend'))
}
