/**
 * A command's action loaded when the command runs: `winback --help` and the start of any one
 * command do not load every other command's code and the server modules behind it.
 */
export function lazyAction(load: () => Promise<Record<string, unknown>>, name: string) {
  return async (...args: unknown[]): Promise<void> => {
    const action = (await load())[name] as (...args: unknown[]) => unknown
    await action(...args)
  }
}
