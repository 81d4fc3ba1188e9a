import type { Command } from 'commander'
import { lazyAction } from '../lazy-action'

export function registerLetters(program: Command): void {
  program
    .command('letters')
    .argument('<campaignId>', 'the campaign')
    .description(
      "A campaign's letter step as one print-ready DIN 5008 PDF (Serienbrief) and a CSV beside it for a mail merge",
    )
    .requiredOption('--out <file.pdf>', 'where to write the PDF; the CSV goes next to it')
    .option('--step <n>', 'the step, counted from 1', '1')
    .action(lazyAction(() => import('./letters.action'), 'runLetters'))
}
