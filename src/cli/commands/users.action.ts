import type { Command } from 'commander'
import { createUser } from '../../server/features/users/create-user'
import { generatePassword } from '../../server/features/users/password'
import { roles } from '../../shared/roles'
import { type GlobalOptions, withContext } from '../context'

export const runUsers = async (
  options: { email: string; name: string; role: string; password?: string },
  command: Command,
) => {
  if (!(roles as readonly string[]).includes(options.role)) throw new Error(`Unknown role ${options.role}`)
  const password = options.password ?? generatePassword()
  await withContext(command.optsWithGlobals<GlobalOptions>(), (ctx) =>
    createUser({
      db: ctx.db,
      email: options.email,
      name: options.name,
      role: options.role as 'rep',
      password,
      now: new Date().toISOString(),
    }),
  )
  process.stdout.write(
    `created ${options.email} (${options.role})${options.password ? '' : `, password: ${password}`}\n`,
  )
}
