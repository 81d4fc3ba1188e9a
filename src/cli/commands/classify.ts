import type { Command } from 'commander'
import { lazyAction } from '../lazy-action'

export function registerClassify(program: Command): void {
  program
    .command('classify')
    .description(
      'Classify every customer (new, active, at risk, sleeping, lost, reactivated) as of a date and store it',
    )
    .option('--as-of <date>', 'YYYY-MM-DD (default: today)')
    .option('--json', 'print asOf, counts and every customer as JSON')
    .option('--no-progress', 'no progress bar')
    .action(lazyAction(() => import('./classify.action'), 'runClassify'))
}
