// The classification worker's entry when the TypeScript sources run (tsx, Vitest): makes TypeScript
// loadable in the worker, then runs it. The build starts dist's classify-worker.js instead.
import { register } from 'tsx/esm/api'

register()
await import('./classify-worker.ts')
