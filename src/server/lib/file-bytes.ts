import { createHash } from 'node:crypto'
import fs from 'node:fs'

/**
 * A file on disk that is read in blocks as it is needed, never held whole: a 10,000,000-row export
 * is 350 MB, which the import held for its whole run (and the server for each preview of it).
 * A plain object, so it can be handed to a worker thread.
 */
export interface FileOnDisk {
  path: string
  size: number
}

/** A file's bytes: in memory (a small upload, a test) or on disk. */
export type FileBytes = Uint8Array | FileOnDisk

export function isOnDisk(bytes: FileBytes): bytes is FileOnDisk {
  return !(bytes instanceof Uint8Array)
}

export function sizeOf(bytes: FileBytes): number {
  return isOnDisk(bytes) ? bytes.size : bytes.byteLength
}

export async function fileOnDisk(path: string): Promise<FileOnDisk> {
  const { size } = await fs.promises.stat(path)
  return { path, size }
}

/** The SHA-256 of a file's bytes (hex), read from disk in blocks where it is there. */
export async function sha256Of(bytes: FileBytes): Promise<string> {
  const hash = createHash('sha256')
  if (!isOnDisk(bytes)) return hash.update(bytes).digest('hex')
  for await (const block of fs.createReadStream(bytes.path)) hash.update(block as Buffer)
  return hash.digest('hex')
}

/** Bytes read from disk at a time: large enough for few system calls, small beside any heap. */
const READ_BYTES = 1024 * 1024
const LF = 0x0a

/** Bytes of a file from `from` to the end. */
export function bytesFrom(bytes: FileBytes, from: number): Buffer {
  return bytesAt(bytes, from, sizeOf(bytes) - from)
}

/** The first `length` bytes of a file (fewer if it is shorter). */
export function firstBytes(bytes: FileBytes, length: number): Buffer {
  return bytesAt(bytes, 0, length)
}

/** `length` bytes from `from` on (fewer at the end), in memory or read from disk. */
function bytesAt(bytes: FileBytes, from: number, length: number): Buffer {
  if (!isOnDisk(bytes)) {
    const start = Math.min(from, bytes.byteLength)
    return Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.min(length, bytes.byteLength - start))
  }
  const fd = fs.openSync(bytes.path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(Math.max(0, length))
    return buffer.subarray(0, readFully(fd, buffer, 0, buffer.length, from))
  } finally {
    fs.closeSync(fd)
  }
}

/** A block of whole lines and the file offset (bytes) just after it. */
export interface ByteBlock {
  bytes: Buffer
  end: number
}

/**
 * The bytes from `from` on in blocks of whole lines: each ends after the first line break at least
 * `blockBytes` into it, the last at the end of the file, and a block within `blockBytes` of the end
 * runs to the end. A file on disk is read a megabyte at a time, so only a block or two are in
 * memory; the blocks are the same either way.
 */
export function* lineBlocks(bytes: FileBytes, from: number, blockBytes: number): Generator<ByteBlock> {
  if (!isOnDisk(bytes)) {
    const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    let start = from
    while (start < body.length) {
      const next = start + blockBytes >= body.length ? -1 : body.indexOf(LF, start + blockBytes)
      const end = next === -1 ? body.length : next + 1
      yield { bytes: body.subarray(start, end), end }
      start = end
    }
    return
  }
  const fd = fs.openSync(bytes.path, 'r')
  try {
    // `held` is the file from offset `heldFrom` on, as far as it has been read
    let held = Buffer.alloc(0)
    let heldFrom = from
    let atEnd = false
    // appends up to `length` more bytes of the file to what is held, in a new buffer
    const readOn = (length: number) => {
      const buffer = Buffer.allocUnsafe(held.length + length)
      held.copy(buffer, 0)
      const read = readFully(fd, buffer, held.length, length, heldFrom + held.length)
      atEnd = read < length
      held = buffer.subarray(0, held.length + read)
    }
    while (!atEnd || held.length > 0) {
      if (!atEnd && held.length <= blockBytes) {
        readOn(Math.max(READ_BYTES, blockBytes))
        continue
      }
      const next = held.length <= blockBytes ? -1 : held.indexOf(LF, blockBytes)
      if (next === -1 && !atEnd) {
        // the line running past `blockBytes` has not ended yet: read on
        readOn(READ_BYTES)
        continue
      }
      const length = next === -1 ? held.length : next + 1
      // a view: what is read next goes into a new buffer, so a block stays as it was
      const block = held.subarray(0, length)
      heldFrom += length
      held = held.subarray(length)
      yield { bytes: block, end: heldFrom }
    }
  } finally {
    fs.closeSync(fd)
  }
}

function readFully(fd: number, buffer: Buffer, offset: number, length: number, position: number): number {
  let read = 0
  while (read < length) {
    const n = fs.readSync(fd, buffer, offset + read, length - read, position + read)
    if (n === 0) break
    read += n
  }
  return read
}
