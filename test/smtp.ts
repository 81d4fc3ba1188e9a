import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  to: string
  subject: string
  text: string
  html: string
  messageId: string
  listUnsubscribe: string | null
  listUnsubscribePost: string | null
}

/**
 * A real SMTP server on loopback for tests: it takes every mail (without TLS or login) and keeps it
 * parsed; `refuse` makes it answer 550 for an address, `delayMs` slows each mail down.
 */
export async function startSmtpServer(
  options: { refuse?: (address: string) => boolean; delayMs?: number } = {},
): Promise<{ port: number; mails: ReceivedMail[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = []
  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    // no reverse DNS of the client: on a machine without DNS each lookup waits for its timeout
    disableReverseLookup: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.refuse?.(address.address)) {
        const error = new Error('No such user') as Error & { responseCode: number }
        error.responseCode = 550
        return callback(error)
      }
      callback()
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs))
          // the raw header line: mailparser folds List-* headers into a structure of its own
          const header = (name: string) => {
            const line = mail.headerLines.find((h) => h.key === name)?.line
            return line
              ? line
                  .slice(line.indexOf(':') + 1)
                  .replace(/\r?\n\s+/g, ' ')
                  .trim()
              : null
          }
          mails.push({
            to: Array.isArray(mail.to) ? mail.to.map((t) => t.text).join(', ') : (mail.to?.text ?? ''),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            messageId: mail.messageId ?? '',
            listUnsubscribe: header('list-unsubscribe'),
            listUnsubscribePost: header('list-unsubscribe-post'),
          })
          callback()
        })
        .catch(callback)
    },
  })
  // a client that dies mid-mail (the kill -9 test) resets its connection: not the server's failure
  server.on('error', () => undefined)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
