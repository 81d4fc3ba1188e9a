import type { Command } from 'commander'
import { lazyAction } from '../lazy-action'

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Load the demo company (Nordlicht Großhandel GmbH) into an empty database')
    .option('--as-of <date>', 'the last day of its five years of invoices (default: today)')
    .option('--no-progress', 'no progress bar')
    .action(lazyAction(() => import('./demo.action'), 'runDemo'))
}
