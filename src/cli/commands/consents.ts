import type { Command } from 'commander'
import { lazyAction } from '../lazy-action'

export function registerConsents(program: Command): void {
  program
    .command('consents')
    .description(
      'Import consents and objections from a CSV file (all or nothing; a shop "accepts marketing" flag stays a shop flag)',
    )
    .argument('<file>', 'the CSV file')
    .option('--json', 'print the result as JSON')
    .action(lazyAction(() => import('./consents.action'), 'runConsents'))
}
