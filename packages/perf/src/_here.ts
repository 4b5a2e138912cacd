import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const FRAME = /^\s*at (?:.*?\()?(.+?):(\d+):(\d+)\)?\s*$/

/** A place in a source file. */
export interface Origin {
  file: string
  line: number
  column: number
}

/** The place one line of a V8 stack names (file URLs read as paths), if it names one. */
export function parseFrame(line: string | undefined): Origin | undefined {
  const match = FRAME.exec(line ?? '')
  if (!match) return undefined
  const file = match[1] ?? ''
  return {
    file: file.startsWith('file://') ? fileURLToPath(file) : file,
    line: Number(match[2]),
    column: Number(match[3]),
  }
}

/**
 * The folder of this package's code as it runs (dist/esm, dist/cjs, or src/ in this repo's unit
 * tests), found from this module's own stack frame: works in the ESM and the CommonJS build, where
 * `import.meta` and `__dirname` don't both exist.
 */
export const CODE_DIR: string = dirname(parseFrame(new Error().stack?.split('\n')[1])?.file ?? '')

/** A file beside this module in the build. */
export function sibling(name: string): string {
  return join(CODE_DIR, name)
}
