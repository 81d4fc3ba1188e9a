import type { AddressInfo } from 'node:net'
import hoodiecrow from 'hoodiecrow-imap'
import { ImapFlow } from 'imapflow'

export interface TestMailbox {
  port: number
  user: string
  password: string
  /** the flags and keywords of every mail in INBOX, in order, read over IMAP */
  flags(): Promise<string[][]>
  close(): Promise<void>
}

/**
 * A real IMAP server on loopback for tests (hoodiecrow-imap, in memory): one user whose INBOX holds
 * the given raw mails, delivered now.
 */
export async function startImapServer(raws: string[]): Promise<TestMailbox> {
  const user = 'bounces@nordlicht.example'
  const password = 'mailbox secret'
  const server = hoodiecrow({
    plugins: ['IDLE', 'UIDPLUS', 'MOVE', 'SPECIAL-USE', 'LITERALPLUS', 'ENABLE'],
    storage: { INBOX: { messages: raws.map((raw) => ({ raw, flags: [], internaldate: new Date() })) } },
    users: { [user]: { password } },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    user,
    password,
    async flags() {
      const client = new ImapFlow({
        host: '127.0.0.1',
        port,
        secure: false,
        auth: { user, pass: password },
        logger: false,
      })
      await client.connect()
      const lock = await client.getMailboxLock('INBOX')
      const flags: string[][] = []
      try {
        for await (const m of client.fetch('1:*', { flags: true })) flags.push([...(m.flags ?? [])].sort())
      } finally {
        lock.release()
        await client.logout()
      }
      return flags
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
