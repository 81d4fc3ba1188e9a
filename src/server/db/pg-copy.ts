import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { CompiledQuery, type Kysely, sql, type Transaction } from 'kysely'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { type BinaryColumnType, binaryCopyBlocks } from './pg-copy-binary'

/**
 * PostgreSQL's COPY … FROM STDIN through Kysely: a multi-row INSERT costs PostgreSQL a parse and a
 * plan per statement and us a compiled query with a parameter per value; COPY streams the rows as
 * text and is several times faster for the many rows an import, a classification or a scoring run
 * writes. Kysely cannot speak the copy protocol, so the statement carries its rows as its one
 * parameter, a `CopyRows`, and the pool's clients (patched by `acceptCopyRows`) send those with
 * pg-copy-streams on the same connection: inside the caller's transaction.
 */
export class CopyRows {
  /** text lines, or blocks of COPY's binary format (pg-copy-binary.ts) */
  constructor(readonly lines: Iterable<string | Uint8Array>) {}
}

type QueryResultLike = { command: string; rowCount: number; rows: unknown[] }

/** Lets a pool's clients run `COPY … FROM STDIN` with a `CopyRows` as its parameter. */
export function acceptCopyRows(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown
    ;(client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const [text, values] = args
      if (typeof text === 'string' && Array.isArray(values) && values[0] instanceof CopyRows)
        return copyInto(client, text, values[0])
      return query(...args)
    }
  })
}

async function copyInto(client: pg.PoolClient, text: string, rows: CopyRows): Promise<QueryResultLike> {
  const stream = client.query(copyFrom(text))
  await pipeline(Readable.from(rows.lines, { objectMode: false }), stream)
  return { command: 'COPY', rowCount: stream.rowCount ?? 0, rows: [] }
}

/** Rows per line block handed to the stream: large enough that the stream's calls cost nothing. */
const LINES_PER_BLOCK = 2000

/**
 * Copies `count` rows into `table`: `fill` writes row `row`'s values, in the order of `columns`,
 * into `values` from offset 0. Identifiers come from our own schema and are quoted by Kysely.
 * `freeze` writes the rows frozen and visible to all (COPY FREEZE: only into a table created or
 * emptied in this transaction), so no vacuum has to visit them before an index-only read.
 */
export async function copyRows(
  trx: Kysely<unknown> | Transaction<unknown>,
  table: string,
  columns: readonly string[],
  count: number,
  fill: (values: unknown[], offset: number, row: number) => void,
  onRows?: (n: number) => void,
  freeze = false,
): Promise<void> {
  if (count === 0) return
  const statement = copyStatement(trx, table, columns, { binary: false, freeze })
  function* lines(): Generator<string> {
    const values: unknown[] = new Array(columns.length)
    let block = ''
    for (let row = 0; row < count; row++) {
      fill(values, 0, row)
      let line = copyField(values[0])
      for (let c = 1; c < columns.length; c++) line += `\t${copyField(values[c])}`
      block += `${line}\n`
      if ((row + 1) % LINES_PER_BLOCK === 0) {
        yield block
        block = ''
        onRows?.(LINES_PER_BLOCK)
      }
    }
    if (block !== '') yield block
    onRows?.(count % LINES_PER_BLOCK)
  }
  await trx.executeQuery(CompiledQuery.raw(statement.sql, [new CopyRows(lines())]))
}

/**
 * The same in COPY's binary format, for columns of the types `types` names (binaryColumnTypes):
 * numbers go as bytes instead of decimal text, which neither side then has to write or parse.
 */
export async function copyRowsBinary(
  trx: Kysely<unknown> | Transaction<unknown>,
  table: string,
  columns: readonly string[],
  types: readonly BinaryColumnType[],
  count: number,
  fill: (values: unknown[], offset: number, row: number) => void,
  freeze = false,
): Promise<void> {
  if (count === 0) return
  const statement = copyStatement(trx, table, columns, { binary: true, freeze })
  const blocks = binaryCopyBlocks(columns, types, count, fill)
  await trx.executeQuery(CompiledQuery.raw(statement.sql, [new CopyRows(blocks)]))
}

/** `COPY table (columns) FROM STDIN` with its options (text or binary; frozen or not). */
function copyStatement(
  trx: Kysely<unknown> | Transaction<unknown>,
  table: string,
  columns: readonly string[],
  options: { binary: boolean; freeze: boolean },
) {
  const settings = [...(options.binary ? [sql`format binary`] : []), ...(options.freeze ? [sql`freeze`] : [])]
  return sql`copy ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) from stdin${
    settings.length > 0 ? sql` with (${sql.join(settings)})` : sql``
  }`.compile(trx)
}

/** One value in COPY's text format: \N for null, backslash escapes for the characters it reserves. */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N'
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (value instanceof Date) return value.toISOString()
  // bytea's hex form, its backslash escaped for COPY's text format
  if (value instanceof Uint8Array)
    return `\\\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return RESERVED.test(text) ? text.replace(RESERVED_ALL, (ch) => ESCAPES[ch]!) : text
}

const RESERVED = /[\\\n\r\t]/
const RESERVED_ALL = /[\\\n\r\t]/g
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' }
