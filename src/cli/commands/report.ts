import type { Command } from 'commander'
import { lazyAction } from '../lazy-action'

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'What win-back achieved in a period: rates, uplift against control, profit, fluctuation, second loyalty',
    )
    .option('--from <YYYY-MM-DD>', 'first day (default: a year before --to)')
    .option('--to <YYYY-MM-DD>', 'last day (default: today)')
    .option('--json', 'JSON')
    .action(lazyAction(() => import('./report.action'), 'runReport'))
}
