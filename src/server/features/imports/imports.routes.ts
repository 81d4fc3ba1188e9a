import fs from 'node:fs/promises'
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import {
  columnMappingSchema,
  importPreviewSchema,
  importRunSchema,
  startImportRequestSchema,
} from '../../../shared/api/imports'
import {
  type ColumnMapping,
  exampleFiles as exampleFileIds,
  importFormats,
  importKinds,
} from '../../../shared/imports'
import type { AppEnv } from '../../http/app-env'
import { requireRole } from '../../http/auth'
import { errorResponses, notFoundResponse, validationHook } from '../../http/error-response'
import { type ReceivedUpload, receiveUpload } from '../../http/receive-upload'
import { idParams } from '../../http/route-parts'
import { enqueue } from '../../jobs/queue'
import { AppError, say } from '../../lib/errors'
import { exampleFiles } from './formats/examples'
import { findImportRun, insertImportRun, listImportRuns } from './import-run.repository'
import { toImportRunDto } from './import-run-dto'
import { detectImport, previewImport } from './preview-import'
import { hasUpload, keepUpload, readUpload, uploadsDir } from './upload-store'

const MAX_UPLOAD_BYTES = 512 * 1024 * 1024

/** The upload form's fields beside its file. */
const uploadFields = z.object({
  kind: z.enum(importKinds).default('orders'),
  format: z.enum([...importFormats, 'auto']).default('auto'),
})

const upload = createRoute({
  method: 'post',
  path: '/imports',
  tags: ['imports'],
  summary:
    'Upload a file: returns the detected format, a guessed column mapping and early problems; imports nothing yet',
  middleware: [requireRole('manager')] as const,
  request: {
    body: {
      required: true,
      content: {
        // documented here, read by receiveUpload as it arrives (a parsed form holds the whole file)
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file'],
            properties: {
              file: { type: 'string', format: 'binary' },
              kind: { type: 'string', enum: [...importKinds], default: 'orders' },
              format: { type: 'string', enum: [...importFormats, 'auto'], default: 'auto' },
            },
          },
        },
      },
    },
  },
  responses: {
    201: {
      description: 'Uploaded and checked',
      content: { 'application/json': { schema: importPreviewSchema } },
    },
    ...errorResponses,
  },
})

const recheck = createRoute({
  method: 'post',
  path: '/imports/{id}/preview',
  tags: ['imports'],
  summary: 'Check an uploaded file again with a changed column mapping',
  middleware: [requireRole('manager')] as const,
  request: {
    params: idParams,
    body: {
      content: { 'application/json': { schema: z.object({ mapping: columnMappingSchema }) } },
      required: true,
    },
  },
  responses: {
    200: { description: 'Checked', content: { 'application/json': { schema: importPreviewSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
})

const start = createRoute({
  method: 'post',
  path: '/imports/{id}/start',
  tags: ['imports'],
  summary: 'Import an uploaded file in the background (again after a failure); poll GET /imports/{id}',
  middleware: [requireRole('manager')] as const,
  request: {
    params: idParams,
    body: { content: { 'application/json': { schema: startImportRequestSchema } }, required: true },
  },
  responses: {
    202: { description: 'Started', content: { 'application/json': { schema: importRunSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
})

const get = createRoute({
  method: 'get',
  path: '/imports/{id}',
  tags: ['imports'],
  summary: 'An import run with its counts, error report and live progress',
  middleware: [requireRole('manager')] as const,
  request: { params: idParams },
  responses: {
    200: { description: 'The run', content: { 'application/json': { schema: importRunSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
})

const rejected = createRoute({
  method: 'get',
  path: '/imports/{id}/rejected.csv',
  tags: ['imports'],
  summary: 'The rows skipped by an import, with line and reason',
  middleware: [requireRole('manager')] as const,
  request: { params: idParams },
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    ...errorResponses,
    ...notFoundResponse,
  },
})

const example = createRoute({
  method: 'get',
  path: '/imports/examples/{file}',
  tags: ['imports'],
  summary: 'A small example file of a format, as its system exports it (DATEV has bookings and debtors)',
  middleware: [requireRole('manager')] as const,
  request: { params: z.object({ file: z.enum(exampleFileIds) }) },
  responses: {
    200: { description: 'The file', content: { 'text/csv': { schema: z.string() } } },
    ...errorResponses,
  },
})

const list = createRoute({
  method: 'get',
  path: '/imports',
  tags: ['imports'],
  summary: 'The latest import runs',
  middleware: [requireRole('manager')] as const,
  responses: {
    200: {
      description: 'Runs',
      content: {
        'application/json': { schema: z.object({ runs: z.array(importRunSchema.omit({ issues: true })) }) },
      },
    },
    ...errorResponses,
  },
})

export function importsRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

  async function preview(deps: AppEnv['Variables']['deps'], runId: number, mapping?: ColumnMapping) {
    const run = await findImportRun(deps.db.kysely, runId)
    if (!run) throw new AppError('not_found', say('noSuchImport'))
    const bytes = await readUpload(deps.config.dataDir, runId)
    if (!bytes) throw new AppError('not_found', say('uploadGone'))
    const result = previewImport({
      fileName: run.file_name,
      bytes,
      format: run.format,
      kind: run.kind,
      mapping,
    })
    const earlier = await deps.db.kysely
      .selectFrom('import_runs')
      .select('id')
      .where('file_hash', '=', run.file_hash)
      .where('status', '=', 'succeeded')
      .executeTakeFirst()
    return {
      runId,
      fileName: run.file_name,
      ...result,
      alreadyImported: earlier !== undefined,
    }
  }

  app.openapi(upload, async (c) => {
    const deps = c.get('deps')
    const received = await receiveUpload(c.req.raw, {
      dir: uploadsDir(deps.config.dataDir),
      maxBytes: MAX_UPLOAD_BYTES,
      fields: uploadFields,
    })
    try {
      return c.json(await previewReceived(deps, received, c.get('user').id), 201)
    } catch (error) {
      await fs.rm(received.path, { force: true })
      throw error
    }
  })

  /** A received file checked and kept as a new run's upload; its preview. */
  async function previewReceived(
    deps: AppEnv['Variables']['deps'],
    received: ReceivedUpload<z.output<typeof uploadFields>>,
    userId: number,
  ) {
    if (received.size === 0) throw new AppError('import_unreadable', say('fileEmpty'))
    const { kind, format } = received.fields
    const bytes = { path: received.path, size: received.size }
    const detected = detectImport({ fileName: received.fileName, bytes, format, kind })
    const runId = await insertImportRun(deps.db.kysely, {
      file_name: received.fileName,
      file_hash: received.sha256,
      file_size: received.size,
      format: detected.format,
      kind: detected.kind,
      source: detected.format,
      encoding: detected.encoding,
      delimiter: detected.delimiter,
      status: 'pending',
      options: '{}',
      issues: '[]',
      created_at: deps.clock().toISOString(),
      user_id: userId,
    })
    await keepUpload(deps.config.dataDir, runId, received.path)
    return preview(deps, runId)
  }

  app.openapi(recheck, async (c) => {
    const deps = c.get('deps')
    return c.json(
      await preview(deps, c.req.valid('param').id, c.req.valid('json').mapping as ColumnMapping),
      200,
    )
  })

  app.openapi(start, async (c) => {
    const deps = c.get('deps')
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const run = await findImportRun(deps.db.kysely, id)
    if (!run) throw new AppError('not_found', say('noSuchImport'))
    if (run.status !== 'pending' && run.status !== 'failed')
      throw new AppError('conflict', say('importStatusAlready', { status: run.status }))
    if (!(await hasUpload(deps.config.dataDir, id))) throw new AppError('not_found', say('uploadGone'))
    const earlier = await deps.jobs.byRef('import_file', String(id))
    if (earlier && (earlier.status === 'queued' || earlier.status === 'running'))
      throw new AppError('conflict', say('importQueued'))
    // the run is started exactly when its job exists
    const jobId = await deps.db.kysely.transaction().execute(async (trx) => {
      await trx
        .updateTable('import_runs')
        .set({
          status: 'running',
          message: null,
          message_text: null,
          options: JSON.stringify({ mapping: body.mapping ?? null, skipInvalid: body.skipInvalid }),
        })
        .where('id', '=', id)
        .execute()
      return enqueue(trx, 'import_file', { runId: id }, deps.clock().toISOString(), { ref: String(id) })
    })
    deps.jobs.wake()
    const current = await findImportRun(deps.db.kysely, id)
    return c.json(toImportRunDto(current!, await deps.jobs.get(jobId)), 202)
  })

  app.openapi(get, async (c) => {
    const deps = c.get('deps')
    const { id } = c.req.valid('param')
    const job = await deps.jobs.byRef('import_file', String(id))
    const run = await findImportRun(deps.db.kysely, id)
    if (!run) throw new AppError('not_found', say('noSuchImport'))
    return c.json(toImportRunDto(run, job), 200)
  })

  app.openapi(rejected, async (c) => {
    const run = await findImportRun(c.get('deps').db.kysely, c.req.valid('param').id)
    if (!run?.rejected_csv) throw new AppError('not_found', say('importSkippedNothing'))
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header(
      'Content-Disposition',
      `attachment; filename="${run.file_name.replace(/[^\w.-]+/g, '_')}.rejected.csv"`,
    )
    return c.body(run.rejected_csv, 200)
  })

  app.openapi(example, (c) => {
    const { fileName, bytes } = exampleFiles[c.req.valid('param').file]()
    // the bytes as the system writes them: DATEV and JTL in Windows-1252
    c.header('Content-Type', 'text/csv')
    c.header('Content-Disposition', `attachment; filename="${fileName}"`)
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200)
  })

  app.openapi(list, async (c) => {
    const deps = c.get('deps')
    const runs = await listImportRuns(deps.db.kysely, 20)
    const dtos = []
    for (const r of runs) {
      const job = r.status === 'running' ? await deps.jobs.byRef('import_file', String(r.id)) : undefined
      const { issues, ...dto } = toImportRunDto({ ...r, issues: '[]', rejected_csv: null }, job)
      dtos.push(dto)
    }
    return c.json({ runs: dtos }, 200)
  })
  return app
}
