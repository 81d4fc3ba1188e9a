// Starts a fresh winback server with the demo company for the browser tests: on SQLite in a new
// temporary directory, or on a new PostgreSQL database.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

const [dialect, port] = process.argv.slice(2)
const root = path.resolve(import.meta.dirname, '..')
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `winback-e2e-${dialect}-`))
const env = {
  ...process.env,
  WINBACK_DATA_DIR: dataDir,
  WINBACK_DEMO: 'on',
  WINBACK_PORT: port,
  WINBACK_LOG_LEVEL: 'warn',
}
delete env.DATABASE_URL

if (dialect === 'postgres') {
  const adminUrl = process.env.WINBACK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const name = `winback_e2e_${port}`
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`)
  await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`)
  await client.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  env.DATABASE_URL = url.toString()
}

const server = spawn(process.execPath, [path.join(root, 'bin/winback.js'), 'serve'], {
  cwd: root,
  env,
  stdio: 'inherit',
})
const stop = () => server.kill('SIGTERM')
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
server.on('exit', (code) => {
  fs.rmSync(dataDir, { recursive: true, force: true })
  process.exit(code ?? 0)
})
