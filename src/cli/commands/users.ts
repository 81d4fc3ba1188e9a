import type { Command } from 'commander'
import { roles } from '../../shared/roles'
import { lazyAction } from '../lazy-action'

export function registerUsers(program: Command): void {
  const users = program.command('users').description('Manage users')
  users
    .command('create')
    .description('Create a user; prints a generated password unless --password is given')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>')
    .option('--role <role>', roles.join(' | '), 'rep')
    .option('--password <password>', 'at least 10 characters')
    .action(lazyAction(() => import('./users.action'), 'runUsers'))
}
