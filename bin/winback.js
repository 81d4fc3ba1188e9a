#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npx winback …` works from a clone without a build step.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/main.ts')
