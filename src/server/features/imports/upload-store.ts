import fs from 'node:fs/promises'
import path from 'node:path'
import { type FileOnDisk, fileOnDisk } from '../../lib/file-bytes'

/** Uploaded files wait here between upload (preview) and import, and stay after a failed import for a retry. */
export function uploadPath(dataDir: string, runId: number): string {
  return path.join(uploadsDir(dataDir), `${runId}.upload`)
}

/** Where uploads are received (a file arrives here before its run exists) and kept. */
export function uploadsDir(dataDir: string): string {
  return path.join(dataDir, 'uploads')
}

/** Keeps a file received in uploadsDir as the upload of a run (a rename: no copy of its bytes). */
export async function keepUpload(dataDir: string, runId: number, receivedPath: string): Promise<void> {
  await fs.rename(receivedPath, uploadPath(dataDir, runId))
}

/** The uploaded file, to be read from disk block by block; null when it is gone. */
export async function readUpload(dataDir: string, runId: number): Promise<FileOnDisk | null> {
  try {
    return await fileOnDisk(uploadPath(dataDir, runId))
  } catch {
    return null
  }
}

export async function removeUpload(dataDir: string, runId: number): Promise<void> {
  await fs.rm(uploadPath(dataDir, runId), { force: true })
}

export async function hasUpload(dataDir: string, runId: number): Promise<boolean> {
  return fs
    .access(uploadPath(dataDir, runId))
    .then(() => true)
    .catch(() => false)
}
