import { dirname } from 'node:path'
import { parseFrame } from './stackFrame.js'

/**
 * The folder of the module that created `error`, read from its first stack frame. A package finds
 * its own built files with it (`codeDirOf(new Error())` at module level) in the ESM and the
 * CommonJS build alike, where `import.meta` and `__dirname` do not both exist.
 */
export function codeDirOf(error: Error): string {
  const frame = (error.stack ?? '')
    .split('\n')
    .map(parseFrame)
    .find((f) => f !== undefined)
  return dirname(frame?.file ?? '')
}
