import fs from 'node:fs/promises'

/**
 * Reads a file to import into memory the parse worker can read too (a SharedArrayBuffer): a large
 * file then reaches the worker without being copied, which on a big export costs a quarter second
 * before reading can even start.
 */
export async function readImportFile(path: string): Promise<Uint8Array> {
  const handle = await fs.open(path, 'r')
  try {
    const { size } = await handle.stat()
    const bytes = new Uint8Array(new SharedArrayBuffer(size))
    let read = 0
    while (read < size) {
      const { bytesRead } = await handle.read(bytes, read, size - read, read)
      if (bytesRead === 0) break
      read += bytesRead
    }
    return read === size ? bytes : bytes.slice(0, read)
  } finally {
    await handle.close()
  }
}
