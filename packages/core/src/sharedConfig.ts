import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { SteadfastError } from './errors.js'

/** File names of the config every Steadfast plugin reads, in the order they are looked for. */
export const SHARED_CONFIG_FILES = [
  'steadfast.config.json',
  'steadfast.config.cjs',
  'steadfast.config.js',
] as const

/**
 * Reads the `steadfast.config.{json,cjs,js}` in `root` (the one place Jest setup files can take
 * options from) and returns the section for `plugin` (`rejections`, `warnings`, ...), if any.
 * A `.js` file must be CommonJS here.
 *
 * @throws SteadfastError (code STEADFAST_CONFIG) when the file exists but cannot be read, naming it
 *   and the fix.
 */
export function readSharedConfig(root: string, plugin: string): unknown {
  for (const name of SHARED_CONFIG_FILES) {
    const file = join(root, name)
    if (!existsSync(file)) continue
    let config: unknown
    try {
      config = name.endsWith('.json')
        ? JSON.parse(readFileSync(file, 'utf8'))
        : createRequire(join(root, 'noop.js'))(file)
    } catch (error) {
      const form = name.endsWith('.json')
        ? 'it must be JSON'
        : 'it must be CommonJS: module.exports = { ... }'
      throw new SteadfastError(
        'STEADFAST_CONFIG',
        `Could not read the Steadfast config file ${file}: ${(error as Error).message}. Fix its syntax (${form}).`,
        { cause: error },
      )
    }
    const section = (config as Record<string, unknown> | null)?.[plugin]
    return section
  }
  return undefined
}
