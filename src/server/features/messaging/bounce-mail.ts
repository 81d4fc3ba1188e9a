import { simpleParser } from 'mailparser'
import type { MailParts } from './bounce'

/** A raw mail from the bounce mailbox, split into what classifyBounce reads (mailparser). */
export async function toMailParts(source: Buffer | string): Promise<MailParts> {
  const parsed = await simpleParser(source, { skipHtmlToText: false, skipTextLinks: true })
  const headers: Record<string, string> = {}
  for (const { key, line } of parsed.headerLines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim()
    headers[key] = headers[key] === undefined ? value : `${headers[key]}\n${value}`
  }
  return {
    headers,
    text: parsed.text ?? '',
    parts: parsed.attachments.map((a) => ({
      contentType: a.contentType,
      content: a.content.toString('utf8'),
    })),
  }
}
