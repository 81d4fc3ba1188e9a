import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const PREFIX = 'enc:v1:'

/**
 * Encrypts secrets kept in the database (AES-256-GCM). The key comes from WINBACK_SECRET_KEY, else
 * from `secret.key` in the data folder, made on first use and readable by its owner only: a copy of
 * the database alone does not reveal the secret.
 */
export function secretKeyOf(config: { secretKey: string | null; dataDir: string }): Buffer {
  if (config.secretKey) {
    const key = Buffer.from(config.secretKey, 'base64')
    if (key.length !== 32) throw new Error('WINBACK_SECRET_KEY must be 32 bytes, base64-encoded')
    return key
  }
  const file = path.join(config.dataDir, 'secret.key')
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true })
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' })
    } catch (error) {
      // another process made it first: use theirs
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64')
}

export function encryptSecret(key: Buffer, plain: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return `${PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64')}`
}

export function decryptSecret(key: Buffer, stored: string): string {
  if (!stored.startsWith(PREFIX)) throw new Error('not an encrypted secret')
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64')
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12))
  decipher.setAuthTag(raw.subarray(12, 28))
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
}
