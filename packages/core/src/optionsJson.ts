// Validated options travel from the process that checked them (a Vitest plugin, a Jest reporter)
// to the workers as JSON in one environment variable, so workers never load the schema library:
// under Jest every test file would load it again.

/** Options as JSON for an environment variable: RegExps travel as `{ $regexp: [source, flags] }`. */
export function encodeOptions(options: unknown): string {
  return JSON.stringify(options, (_key, value: unknown) =>
    value instanceof RegExp ? { $regexp: [value.source, value.flags] } : value,
  )
}

/** The inverse of `encodeOptions`: RegExps come back as RegExps. */
export function decodeOptions<T>(json: string): T {
  return JSON.parse(json, (_key, value: unknown) => {
    const encoded = (value as { $regexp?: [string, string] } | null)?.$regexp
    return encoded ? new RegExp(encoded[0], encoded[1]) : value
  }) as T
}
