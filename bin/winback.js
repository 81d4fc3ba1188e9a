#!/usr/bin/env node
// Runs the built CLI (dist/server/…/cli.js), building it first when the sources changed (about a
// second, once), so every later call starts without compiling TypeScript. WINBACK_FROM_SOURCE=1
// runs the TypeScript sources directly (tsx), as during development.
if (process.env.WINBACK_FROM_SOURCE === '1') {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/cli/main.ts')
} else {
  const { ensureServerBuild } = await import('../scripts/build-server.mjs')
  await import(await ensureServerBuild())
}
