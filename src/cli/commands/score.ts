import type { Command } from 'commander'
import { lazyAction } from '../lazy-action'

export function registerScore(program: Command): void {
  program
    .command('score')
    .description(
      'Fit BG/NBD, Pareto/NBD or MBG/NBD (or BG/BB for periods) and Gamma-Gamma for spend, and score every customer: P(alive), expected purchases and spend, CLV',
    )
    .option(
      '--model <model>',
      'auto | bgnbd | pnbd | mbgnbd | bgbb (auto: by the holdout log-likelihood with a holdout, else by BIC; bgbb counts periods, see --period)',
      'auto',
    )
    .option(
      '--calibration-end <date>',
      'end of the calibration period (default: today, or the last transaction of --transactions)',
    )
    .option(
      '--holdout-end <date>',
      'compare the models on (calibration end, holdout end], then score as of the holdout end',
    )
    .option('--time-unit <unit>', 'day | week | month', 'week')
    .option(
      '--period <period>',
      'for --model bgbb: year | quarter | month, the transaction opportunities (a period with purchases counts once)',
    )
    .option('--horizon <n>', 'expected purchases over the next n time units (default: one year)')
    .option('--clv-months <n>', 'CLV horizon in months', '12')
    .option('--discount-rate <rate>', 'monthly discount rate for the CLV', '0.01')
    .option(
      '--transactions <file>',
      'score a plain customer_id,date[,amount] CSV instead of the database (nothing is stored)',
    )
    .option('--json', 'print everything as JSON')
    .option('--no-progress', 'no progress bar')
    .action(lazyAction(() => import('./score.action'), 'runScore'))
}
