// perf's options where nothing handed them down (a Jest reporter or setup file listed on its own):
// read from steadfast.config.* and resolved here. The options module is loaded on demand: its
// schema is not for the workers of a run that was handed them (core's handOff).
import { createRequire } from 'node:module'
import { readSharedConfig } from '@steadfast/core'
import { sibling } from './_here.js'
import type { PerfOptions, ResolvedPerfOptions } from './options.js'
import { PART } from './settings.js'

/** The options module, loaded on first use. */
function optionsModule(): typeof import('./options.js') {
  return createRequire(sibling('options.js'))('./options.js') as typeof import('./options.js')
}

/** Reads and resolves the options of steadfast.config.* in `root`. */
export function ownOptions(root: string): ResolvedPerfOptions {
  return optionsModule().resolvePerfOptions(readSharedConfig(root, PART) as PerfOptions | undefined)
}
