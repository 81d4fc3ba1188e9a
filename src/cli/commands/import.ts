import type { Command } from 'commander'
import { importFormats, importKinds } from '../../shared/imports'
import { lazyAction } from '../lazy-action'

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Import customers or sales from a CSV file (generic, Shopify, WooCommerce, CDNOW)')
    .argument('<file>', 'the CSV file')
    .option('--format <format>', `auto | ${importFormats.join(' | ')}`, 'auto')
    .option('--kind <kind>', importKinds.join(' | '), 'orders')
    .option('--skip-invalid', 'import the valid rows and write the rejected ones to FILE.rejected.csv')
    .option(
      '--source <name>',
      'where the documents come from (default: the format); documents are unique per source',
    )
    .option('--encoding <encoding>', 'auto | utf-8 | windows-1252 | iso-8859-1 | utf-16le', 'auto')
    .option('--json', 'print the result as JSON')
    .option('--no-progress', 'no progress bar')
    .action(lazyAction(() => import('./import.action'), 'runImport'))
}
