// Where warnings' resolved options come from in every process: handed down by the main process
// (core's handOff: the plugin or the reporter resolved them once), or, for a part used without
// them (a Jest setup file listed on its own), read from steadfast.config.* and resolved here.
import { createRequire } from 'node:module'
import { handedTo, readSharedConfig } from '@steadfast/core'
import { sibling } from './_here.js'
import type { ResolvedWarningsOptions, WarningsOptions } from './options.js'

/** The part's section in core's hand-off. */
export const PART = 'warnings'

/** The options the main process handed down, or else those of steadfast.config.* in `root`. */
export function resolvedOptions(root: string): ResolvedWarningsOptions {
  return handedTo<ResolvedWarningsOptions>(PART) ?? ownOptions(root)
}

/**
 * Reads and resolves the options where nothing resolved them. Loaded on demand: the schema (and,
 * for a value the shape cannot decide, zod) is not for the workers of a run that was handed them.
 */
export function ownOptions(root: string): ResolvedWarningsOptions {
  const load = createRequire(sibling('options.js'))
  const { resolveWarningsOptions } = load('./options.js') as typeof import('./options.js')
  return resolveWarningsOptions(readSharedConfig(root, PART) as WarningsOptions | undefined)
}
