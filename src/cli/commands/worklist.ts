import type { Command } from 'commander'
import { lazyAction } from '../lazy-action'

export function registerWorklist(program: Command): void {
  program
    .command('worklist')
    .description("A user's Tagesliste: due Wiedervorlagen and the day's new customers, each with why")
    .requiredOption('--user <email>', 'whose list')
    .option('--date <YYYY-MM-DD>', 'the day (default: today; a later day is a preview)')
    .option('--json', 'JSON')
    .option('--csv', 'CSV (German: semicolon; with --lang en: comma)')
    .option('--ical', 'iCalendar, as the calendar feed serves it')
    .action(lazyAction(() => import('./worklist.action'), 'printWorklist'))

  program
    .command('campaigns')
    .description('Campaigns with their state, arms, contacts, cost and power preview')
    .option('--json', 'JSON')
    .action(lazyAction(() => import('./worklist.action'), 'printCampaigns'))
}
