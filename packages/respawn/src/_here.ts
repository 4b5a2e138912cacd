import { join } from 'node:path'
import { codeDirOf } from '@steadfast/core'

/** The folder of this package's code as it runs: dist/esm, dist/cjs, or src/ in unit tests. */
export const CODE_DIR: string = codeDirOf(new Error())

/** A file beside this module in the build. */
export function sibling(name: string): string {
  return join(CODE_DIR, name)
}
