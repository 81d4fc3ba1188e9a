#!/usr/bin/env node
// `npm start`: build the web app if it is missing or older than its sources, then start the server
// (which migrates the database and, on first start, loads the demo company).
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const built = path.join(root, 'dist/web/index.html')

function newestChange(entries) {
  let newest = 0
  for (const entry of entries) {
    const full = path.join(root, entry)
    if (!fs.existsSync(full)) continue
    const stat = fs.statSync(full)
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(full))
        newest = Math.max(newest, newestChange([path.join(entry, child)]))
    } else newest = Math.max(newest, stat.mtimeMs)
  }
  return newest
}

const sources = ['index.html', 'vite.config.ts', 'src/web', 'src/shared', 'package-lock.json']
if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < newestChange(sources)) {
  console.log('Building the web app …')
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  )
  if (result.status !== 0) process.exit(result.status ?? 1)
}

const server = spawn(
  process.execPath,
  [path.join(root, 'bin/winback.js'), 'serve', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
