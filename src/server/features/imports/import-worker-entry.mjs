// The import worker thread's entry: makes TypeScript loadable in the worker and runs the import.
import { register } from 'tsx/esm/api'

register()
await import('./import-worker.ts')
