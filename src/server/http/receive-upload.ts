import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import busboy from 'busboy'
import type { z } from 'zod'
import { AppError, say } from '../lib/errors'
import { validationError } from './error-response'

/** A file received from a multipart upload, on disk, with the form's other fields. */
export interface ReceivedUpload<Fields> {
  /** where it was written (in the directory asked for): the caller moves or removes it */
  path: string
  fileName: string
  size: number
  /** SHA-256 of its bytes, hex */
  sha256: string
  fields: Fields
}

/** What a partial file left by a crash mid-upload is called, and how long it may stay. */
const PART = '.part'
const STALE_PART_MS = 24 * 60 * 60 * 1000

/**
 * Writes a multipart form's file (the field `file`) into `dir` while it arrives and reads the form's
 * other fields with `fields`: the file is never held whole, so a 350 MB export costs the server
 * a few megabytes, not the two gigabytes a parsed form of it took. Refuses a body over `maxBytes`
 * (by its length when it says one, else once that many bytes have arrived), a form without a
 * file, and fields that do not parse; nothing is left on disk then.
 */
export async function receiveUpload<Schema extends z.ZodType>(
  request: Request,
  options: { dir: string; maxBytes: number; fields: Schema },
): Promise<ReceivedUpload<z.output<Schema>>> {
  const { dir, maxBytes } = options
  const contentType = request.headers.get('content-type') ?? ''
  if (!/^multipart\/form-data/i.test(contentType) || !request.body) throw validationError([FILE_REQUIRED])
  const tooLarge = () => new AppError('payload_too_large', say('bodyTooLarge', { bytes: maxBytes }))
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge()
  await fs.promises.mkdir(dir, { recursive: true })
  await removeStaleParts(dir)
  const target = path.join(dir, `${randomUUID()}${PART}`)
  const fields: Record<string, string> = {}
  const hash = createHash('sha256')
  let file: { name: string; written: Promise<void> } | null = null
  let size = 0
  let truncated = false
  try {
    const parser = busboy({
      headers: { 'content-type': contentType },
      limits: { files: 1, fileSize: maxBytes, fields: 20, fieldSize: 64 * 1024 },
    })
    parser.on('field', (name, value) => {
      fields[name] = value
    })
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || file) {
        stream.resume()
        return
      }
      stream.on('data', (block: Buffer) => {
        size += block.length
        hash.update(block)
      })
      stream.on('limit', () => {
        truncated = true
      })
      file = { name: info.filename ?? 'upload', written: pipeline(stream, fs.createWriteStream(target)) }
      // a failed write rejects `written`, awaited below; until then it must not count as unhandled
      file.written.catch(() => undefined)
    })
    await pipeline(Readable.fromWeb(request.body as WebReadableStream<Uint8Array>), parser)
    const received = file as { name: string; written: Promise<void> } | null
    if (!received) throw validationError([FILE_REQUIRED])
    await received.written
    if (truncated) throw tooLarge()
    const parsed = options.fields.safeParse(fields)
    if (!parsed.success) throw validationError(parsed.error.issues)
    return { path: target, fileName: received.name, size, sha256: hash.digest('hex'), fields: parsed.data }
  } catch (error) {
    await fs.promises.rm(target, { force: true })
    throw error
  }
}

const FILE_REQUIRED = { path: ['file'], message: 'a file is required' }

/** Partial files of uploads cut off a day ago or more (the server stopped mid-upload). */
async function removeStaleParts(dir: string): Promise<void> {
  const now = Date.now()
  for (const name of await fs.promises.readdir(dir)) {
    if (!name.endsWith(PART)) continue
    const file = path.join(dir, name)
    const stat = await fs.promises.stat(file).catch(() => null)
    if (stat && now - stat.mtimeMs > STALE_PART_MS) await fs.promises.rm(file, { force: true })
  }
}
