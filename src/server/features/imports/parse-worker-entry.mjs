// The worker thread's entry: makes TypeScript loadable in the worker (whatever started the main
// thread: tsx, Vitest) and runs the parser.
import { register } from 'tsx/esm/api'

register()
await import('./parse-worker.ts')
