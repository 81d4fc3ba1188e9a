import type { Command } from 'commander'
import { lazyAction } from '../lazy-action'

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'Start the web app and API (loads the demo company into an empty database unless WINBACK_DEMO=off)',
    )
    .option('--port <port>', 'port (default 3000 or WINBACK_PORT)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .action(lazyAction(() => import('./serve.action'), 'runServe'))
}
