import { z } from 'zod'
import { importFields, importFormats, importKinds, importRunStatuses } from '../imports'
import { serverTextSchema } from './server-text'

export const columnMappingSchema = z.partialRecord(
  z.enum(importFields as [string, ...string[]]),
  z.number().int().min(0),
)

export const importIssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  file: z.string(),
  line: z.number().int(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  reason: z.string(),
})

export const importPreviewSchema = z.object({
  runId: z.number().int(),
  fileName: z.string(),
  format: z.enum(importFormats),
  kind: z.enum(importKinds),
  encoding: z.string(),
  delimiter: z.string().nullable(),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.number().int()),
  /** the first rows as read from the file */
  sampleRows: z.array(z.array(z.string())),
  rowsTotal: z.number().int(),
  /** problems in the first 1,000 rows with the current mapping */
  issues: z.array(importIssueSchema),
  alreadyImported: z.boolean(),
})
export type ImportPreview = z.infer<typeof importPreviewSchema>

export const startImportRequestSchema = z.object({
  mapping: columnMappingSchema.optional(),
  skipInvalid: z.boolean().default(false),
})

export const importRunSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  format: z.enum(importFormats),
  kind: z.enum(importKinds),
  status: z.enum(importRunStatuses),
  encoding: z.string().nullable(),
  rowsTotal: z.number().int(),
  rowsValid: z.number().int(),
  rowsRejected: z.number().int(),
  customersCreated: z.number().int(),
  customersUpdated: z.number().int(),
  documentsCreated: z.number().int(),
  documentsUpdated: z.number().int(),
  documentsUnchanged: z.number().int(),
  contractsCreated: z.number().int(),
  contractsUpdated: z.number().int(),
  contractsUnchanged: z.number().int(),
  message: z.string().nullable(),
  /** the message as a key with parameters, for the reader's language (null for runs before it was stored) */
  messageText: serverTextSchema.nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  hasRejectedCsv: z.boolean(),
  issues: z.array(importIssueSchema),
  progress: z.object({ phase: z.string(), done: z.number(), total: z.number() }).nullable(),
})
export type ImportRunDto = z.infer<typeof importRunSchema>
