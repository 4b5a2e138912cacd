import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const FRAME = /^\s*at (?:.*?\()?(.+?):\d+:\d+\)?\s*$/

/**
 * The folder of the module that created `error`, read from its first stack frame. A package finds
 * its own built files with it (`codeDirOf(new Error())` at module level) in the ESM and the
 * CommonJS build alike, where `import.meta` and `__dirname` do not both exist.
 */
export function codeDirOf(error: Error): string {
  const line = error.stack?.split('\n').find((l) => FRAME.test(l))
  const file = FRAME.exec(line ?? '')?.[1] ?? ''
  return dirname(file.startsWith('file://') ? fileURLToPath(file) : file)
}
