// Options travel from the process that validated them (the Vitest plugin, the Jest reporter) to
// the workers as JSON in one environment variable, so workers never load the schema library:
// under Jest every test file would load it again.
import type { ResolvedRejectionsOptions } from './options.js'

/** The environment variable that carries the validated options to the workers. */
export const OPTIONS_ENV = 'STEADFAST_REJECTIONS_CONFIG'

/** Options cross into workers as JSON: RegExps travel as `{ $regexp: [source, flags] }`. */
export function serializeOptions(options: ResolvedRejectionsOptions): string {
  return JSON.stringify(options, (_key, value: unknown) =>
    value instanceof RegExp ? { $regexp: [value.source, value.flags] } : value,
  )
}

export function deserializeOptions(json: string): ResolvedRejectionsOptions {
  return JSON.parse(json, (_key, value: unknown) => {
    const encoded = (value as { $regexp?: [string, string] } | null)?.$regexp
    return encoded ? new RegExp(encoded[0], encoded[1]) : value
  }) as ResolvedRejectionsOptions
}
