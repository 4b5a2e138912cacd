// What varies between two occurrences of one warning (a number, an id, a path, a quoted value) is
// replaced by a placeholder, so that "item 17 is deprecated" and "item 18 is deprecated" are one
// kind. Order matters: quoted values first (a quoted path is one value), numbers last (a UUID or
// a hex id must not be cut into numbers first).
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // A quote that opens after a letter is an apostrophe ("don't"), not a quoted value.
  [/(?<![\p{L}\p{N}_])'[^'\n]*'(?![\p{L}\p{N}_])/gu, "'<str>'"],
  [/(?<![\p{L}\p{N}_])"[^"\n]*"(?![\p{L}\p{N}_])/gu, '"<str>"'],
  [/`[^`\n]*`/g, '`<str>`'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  // Absolute, ./relative and Windows paths and file URLs, with at least one separator.
  [
    /(?<![\w.:/\\-])(?:file:\/\/)?(?:[A-Za-z]:[\\/]|\.{1,2}[\\/]|\/)(?:[\w.@+~-]+[\\/])*[\w.@+~-]+[\\/]?/g,
    '<path>',
  ],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  // Long hex runs (hashes, object ids) that hold both a digit and a letter.
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, '<hex>'],
  // Not inside a word: DEP0005, utf8 and v2 stay as they are.
  [/(?<![\p{L}_\d.])-?\d+(?:\.\d+)*/gu, '<n>'],
]

/** The templates of recent messages: a repeat of a known message costs one map lookup. */
const cache = new Map<string, string>()
const CACHE_SIZE = 4096

/**
 * The message with what varies between occurrences normalised: numbers → `<n>`, hex → `<hex>`,
 * UUIDs → `<uuid>`, paths and file URLs → `<path>`, quoted values → `'<str>'`.
 *
 * @example
 * warningTemplate("Item 42 at /tmp/x/a.json is 'old'") // "Item <n> at <path> is '<str>'"
 */
export function warningTemplate(message: string): string {
  const known = cache.get(message)
  if (known !== undefined) return known
  let template = message
  for (const [pattern, placeholder] of RULES) template = template.replace(pattern, placeholder)
  // Bounded: a stream of distinct messages must not grow memory. Starting over is cheap.
  if (cache.size >= CACHE_SIZE) cache.clear()
  cache.set(message, template)
  return template
}
