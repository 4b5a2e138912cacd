// Options travel from the process that validated them (the Vitest plugin, the Jest reporter) to
// the workers as JSON in one environment variable, so workers never load the schema library:
// under Jest every test file would load it again.
import { decodeOptions, encodeOptions } from '@steadfast/core'
import type { ResolvedRejectionsOptions } from './options.js'

/** The environment variable that carries the validated options to the workers. */
export const OPTIONS_ENV = 'STEADFAST_REJECTIONS_CONFIG'

export function serializeOptions(options: ResolvedRejectionsOptions): string {
  return encodeOptions(options)
}

export function deserializeOptions(json: string): ResolvedRejectionsOptions {
  return decodeOptions<ResolvedRejectionsOptions>(json)
}
