import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { SteadfastError } from './errors.js'
import { handedTo } from './handOff.js'

/** File names of the config every Steadfast plugin reads, in the order they are looked for. */
export const SHARED_CONFIG_FILES = [
  'steadfast.config.json',
  'steadfast.config.cjs',
  'steadfast.config.mjs',
  'steadfast.config.js',
  'steadfast.config.ts',
] as const

/**
 * Options given in code (the umbrella's `withSteadfast(config, options)` in a Jest config) travel
 * to the reporters and workers as this section of core's hand-off (one variable, handOff.ts); when
 * there, they stand for the config file.
 */
export const GIVEN_OPTIONS = 'given'

function fromEnvironment(plugin: string): { found: boolean; section: unknown } {
  const given = handedTo<Record<string, unknown>>(GIVEN_OPTIONS)
  if (given === undefined) return { found: false, section: undefined }
  return { found: true, section: given[plugin] }
}

/** Whether this Node strips TypeScript types itself (`process.features.typescript`, Node ≥ 22.18). */
function canLoadTypeScript(): boolean {
  return Boolean((process.features as { typescript?: unknown }).typescript)
}

/**
 * A JavaScript config, CommonJS or ES module: Node ≥ 20.19 `require`s an ES module (without
 * top-level await) synchronously, which Jest's setup files and reporters need.
 */
function load(root: string, file: string): unknown {
  const loaded = createRequire(join(root, 'noop.js'))(file) as { __esModule?: boolean; default?: unknown }
  return loaded?.__esModule && 'default' in loaded ? loaded.default : loaded
}

/**
 * Reads the options for `plugin` (`rejections`, `warnings`, ...): from the options given in code to
 * `withSteadfast()` when it handed them down, else from the `steadfast.config.{json,cjs,mjs,js,ts}` in `root` (the one
 * place Jest setup files can take options from).
 *
 * @throws SteadfastError (code STEADFAST_CONFIG) when the file exists but cannot be read, naming it
 *   and the fix; (code STEADFAST_HANDED) when the hand-off's variable was set by hand.
 */
export function readSharedConfig(root: string, plugin: string): unknown {
  const given = fromEnvironment(plugin)
  if (given.found) return given.section
  return (readSharedConfigFile(root) as Record<string, unknown> | undefined)?.[plugin]
}

/**
 * The whole of the `steadfast.config.*` in `root` (the first of SHARED_CONFIG_FILES there), or
 * undefined when there is none.
 *
 * @throws SteadfastError (code STEADFAST_CONFIG) when the file cannot be read, naming it and the fix.
 */
export function readSharedConfigFile(root: string): unknown {
  for (const name of SHARED_CONFIG_FILES) {
    const file = join(root, name)
    if (!existsSync(file)) continue
    if (name.endsWith('.ts') && !canLoadTypeScript()) {
      throw new SteadfastError(
        'STEADFAST_CONFIG',
        `The Steadfast config file ${file} is TypeScript, which Node ${process.version} cannot load without a build step (Node ≥ 22.18 strips the types itself). Rename it to steadfast.config.mjs and remove the types, or use steadfast.config.json.`,
      )
    }
    try {
      return name.endsWith('.json') ? JSON.parse(readFileSync(file, 'utf8')) : load(root, file)
    } catch (error) {
      const form = name.endsWith('.json')
        ? 'it must be JSON'
        : 'module.exports = { ... } or export default { ... }, with no top-level await'
      throw new SteadfastError(
        'STEADFAST_CONFIG',
        `Could not read the Steadfast config file ${file}: ${(error as Error).message}. Fix its syntax (${form}).`,
        { cause: error },
      )
    }
  }
  return undefined
}
