import type { Command } from 'commander'
import { lazyAction } from '../lazy-action'

export function registerBackup(program: Command): void {
  program
    .command('backup <file>')
    .description('Write a consistent copy of the whole database to FILE (while winback runs)')
    .action(lazyAction(() => import('./backup.action'), 'backup'))
  program
    .command('restore <file>')
    .description('Replace the whole database with a backup made by `winback backup` (stop the server first)')
    .option('--yes', 'confirm: everything in the database now is replaced')
    .action(lazyAction(() => import('./backup.action'), 'restore'))
}
