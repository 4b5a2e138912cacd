import { join } from 'node:path'
import { codeDirOf } from '@steadfast/core'

/** The folder of this package's code as it runs: dist/esm, dist/cjs, or src/ in unit tests. */
export const CODE_DIR: string = codeDirOf(new Error())

/** This package's code (all of dist/ when built, src/ here): never the origin of a warning. */
export const OWN_ROOT: string = CODE_DIR.includes('/dist/')
  ? CODE_DIR.slice(0, CODE_DIR.lastIndexOf('/dist/') + 6)
  : `${CODE_DIR}/`

/** A file beside this module in the build. */
export function sibling(name: string): string {
  return join(CODE_DIR, name)
}
