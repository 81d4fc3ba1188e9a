#!/usr/bin/env node
// `npm test`: everything, in the order that fails fastest. Type check and lint, unit and database
// tests (SQLite and PostgreSQL, see test/databases.ts) with the CLI built, then the web build and the
// browser tests.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

const steps = [
  ['type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['biome', 'check', '.']],
  // the CLI and the browser tests' server run from the build, as users run them
  ['server build', 'node', ['scripts/build-server.mjs']],
  ['unit and database tests', 'npx', ['vitest', 'run']],
]
if (fs.existsSync('playwright.config.ts')) {
  steps.push(['web build', 'npx', ['vite', 'build']])
  steps.push(['browser tests', 'npx', ['playwright', 'test']])
}

for (const [name, command, args] of steps) {
  const started = Date.now()
  console.log(`\n▶ ${name}`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (result.status !== 0) {
    console.error(`✖ ${name} failed after ${seconds} s`)
    process.exit(result.status ?? 1)
  }
  console.log(`✔ ${name} (${seconds} s)`)
}
