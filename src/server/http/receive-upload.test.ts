import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { isAppError } from '../lib/errors'
import { receiveUpload } from './receive-upload'

const fields = z.object({ kind: z.enum(['orders', 'customers']).default('orders') })

function formRequest(form: FormData): Request {
  return new Request('http://localhost/upload', { method: 'POST', body: form })
}

/** A multipart body sent in blocks without a length (chunked), as a client streaming a file may. */
function streamedRequest(form: FormData): Promise<Request> {
  const sent = formRequest(form)
  return sent.arrayBuffer().then((bytes) => {
    const whole = new Uint8Array(bytes)
    let at = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= whole.length) return controller.close()
        controller.enqueue(whole.slice(at, at + 4096))
        at += 4096
      },
    })
    return new Request('http://localhost/upload', {
      method: 'POST',
      headers: { 'content-type': sent.headers.get('content-type')! },
      body,
      duplex: 'half',
    } as RequestInit)
  })
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; details: unknown }> {
  try {
    await promise
  } catch (error) {
    if (isAppError(error)) return { code: error.code, details: error.details }
    throw error
  }
  throw new Error('expected a failure')
}

describe('receiveUpload', () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'winback-receive-'))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('writes the file to disk as sent, with its name, size, SHA-256 and the parsed fields', async () => {
    const text = `Kundennummer;Datum\n${'K1;01.02.2024\n'.repeat(20_000)}`
    const form = new FormData()
    form.append('kind', 'customers')
    form.append('file', new File([text], 'kunden.csv'))
    const received = await receiveUpload(await streamedRequest(form), { dir, maxBytes: 1 << 20, fields })
    const bytes = fs.readFileSync(received.path)
    expect(bytes.toString('utf8')).toBe(text)
    expect(path.dirname(received.path)).toBe(dir)
    expect(received).toMatchObject({
      fileName: 'kunden.csv',
      size: Buffer.byteLength(text),
      sha256: createHash('sha256').update(text).digest('hex'),
      fields: { kind: 'customers' },
    })
  })

  it('fills in defaults for fields not sent and ignores a second file', async () => {
    const form = new FormData()
    form.append('file', new File(['a;b\n'], 'first.csv'))
    form.append('file', new File(['c;d\n'], 'second.csv'))
    const received = await receiveUpload(formRequest(form), { dir, maxBytes: 1 << 20, fields })
    expect(received.fields).toEqual({ kind: 'orders' })
    expect(fs.readFileSync(received.path, 'utf8')).toBe('a;b\n')
    expect(fs.readdirSync(dir)).toEqual([path.basename(received.path)])
  })

  it('refuses a body over the limit, by its length or once that much has arrived, and keeps nothing', async () => {
    const form = new FormData()
    form.append('file', new File(['x'.repeat(50_000)], 'big.csv'))
    expect((await failure(receiveUpload(formRequest(form), { dir, maxBytes: 10_000, fields }))).code).toBe(
      'payload_too_large',
    )
    const streamed = await streamedRequest(form)
    expect(streamed.headers.get('content-length')).toBeNull()
    expect((await failure(receiveUpload(streamed, { dir, maxBytes: 10_000, fields }))).code).toBe(
      'payload_too_large',
    )
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('names the field that is missing or wrong, and keeps nothing', async () => {
    const noFile = new FormData()
    noFile.append('kind', 'orders')
    expect(
      await failure(receiveUpload(formRequest(noFile), { dir, maxBytes: 1 << 20, fields })),
    ).toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'file' }],
    })
    const badKind = new FormData()
    badKind.append('kind', 'invoices')
    badKind.append('file', new File(['a;b\n'], 'x.csv'))
    expect(
      await failure(receiveUpload(formRequest(badKind), { dir, maxBytes: 1 << 20, fields })),
    ).toMatchObject({
      code: 'validation_failed',
      // zod's own words, as every other route's validation answers
      details: [{ path: 'kind', message: expect.stringContaining('orders') }],
    })
    const json = new Request('http://localhost/upload', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect((await failure(receiveUpload(json, { dir, maxBytes: 1 << 20, fields }))).code).toBe(
      'validation_failed',
    )
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('removes what an upload cut off a day ago left, not one still arriving', async () => {
    const stale = path.join(dir, 'cut-off.part')
    const recent = path.join(dir, 'arriving.part')
    const kept = path.join(dir, '7.upload')
    for (const file of [stale, recent, kept]) fs.writeFileSync(file, 'x')
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000)
    fs.utimesSync(stale, twoDaysAgo, twoDaysAgo)
    fs.utimesSync(kept, twoDaysAgo, twoDaysAgo)
    const form = new FormData()
    form.append('file', new File(['a;b\n'], 'x.csv'))
    const received = await receiveUpload(formRequest(form), { dir, maxBytes: 1 << 20, fields })
    expect(fs.readdirSync(dir).sort()).toEqual(
      ['7.upload', 'arriving.part', path.basename(received.path)].sort(),
    )
  })
})
