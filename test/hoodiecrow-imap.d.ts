// hoodiecrow-imap (a scriptable IMAP server for tests) ships without types: what test/imap.ts uses.
declare module 'hoodiecrow-imap' {
  import type { Server } from 'node:net'

  interface HoodiecrowOptions {
    plugins?: string[]
    storage?: Record<string, { messages: { raw: string; flags?: string[]; internaldate?: Date }[] }>
    users?: Record<string, { password: string }>
  }
  interface HoodiecrowServer {
    server: Server
    listen(port: number, host: string, callback: () => void): void
    close(callback: () => void): void
  }
  export default function hoodiecrow(options: HoodiecrowOptions): HoodiecrowServer
}
