import type { Command } from 'commander'
import { lazyAction } from '../lazy-action'

export function registerCustomers(program: Command): void {
  program
    .command('customers')
    .description('List customers with their status, filtered like the web list')
    .option('--status <status>', 'new | active | at_risk | sleeping | lost | reactivated')
    .option('--segment <segment>')
    .option('--owner <userId>', 'a user id, or "none"')
    .option('--search <text>', 'text search in number, name, e-mail, city')
    .option(
      '--contactable <channel>',
      'only customers who may be advertised to today: email | phone | letter | sms',
    )
    .option(
      '--sort <key>',
      'customerNumber | name | status | lastPurchase | revenue12m | annualRevenue | city',
      'customerNumber',
    )
    .option('--desc', 'sort descending')
    .option('--json', 'JSON')
    .option('--csv', 'CSV (German: semicolon and decimal comma; with --lang en: comma and point)')
    .action(lazyAction(() => import('./customers.action'), 'runCustomers'))
}
