/** One kind of warning (type, code, template) with how often it came and from where. */
export interface WarningKind {
  /** The dedupe identity: type, code and template, joined (see `kindKey`). */
  key: string
  /** `DeprecationWarning`, `ExperimentalWarning`, a custom type, `console.warn`, `console.error`. */
  type: string
  /** The warning's code (`DEP0005`), or `''`. */
  code: string
  /**
   * The message with numbers, hex, paths, UUIDs and quoted values normalised, and without the
   * stack or the dump of arguments it may carry.
   */
  template: string
  /** The first message of this kind, as it was (its stack and arguments included). */
  message: string
  /** Where its first occurrence came from: `file:line:column` relative to the root. */
  origin: string
  /**
   * Occurrences per origin: `file:line` of the origin frame in your code, or `package <name>`; at
   * most a few dozen, the rest in `(other places)`.
   */
  origins: Record<string, number>
  count: number
  /** Occurrences per test file (relative to the root); at most a few dozen, the rest in `(other files)`. */
  files: Record<string, number>
  /** Occurrences per test (`file > full name`); at most a few dozen, the rest in `(other tests)`. */
  tests: Record<string, number>
  /** Whether an `error` rule matched it (it failed the tests that emitted it). */
  error: boolean
}

/** Where occurrences past the bound on origins are counted together. */
export const OTHER_PLACES = '(other places)'

/**
 * The identity of a kind: type, code and template. Not its origin: one deprecation emitted from
 * four files is one kind, with four origins.
 */
export function kindKey(kind: Pick<WarningKind, 'type' | 'code' | 'template'>): string {
  return `${kind.type}\u0000${kind.code}\u0000${kind.template}`
}

/** The identity of a kind in the baseline: the same as its key (type, code, template). */
export function baselineId(kind: Pick<WarningKind, 'type' | 'code' | 'template'>): string {
  return kindKey(kind)
}

/** How a kind is named in messages and tables: `DeprecationWarning DEP0005`, `console.warn`. */
export function kindLabel(kind: Pick<WarningKind, 'type' | 'code'>): string {
  return kind.code ? `${kind.type} ${kind.code}` : kind.type
}

/**
 * How many places a kind came from, and the leading ones with their counts:
 * `4 places: a.test.js:3 (400), b.test.js:3 (300), c.test.js:3 (200), 1 more (100)`.
 */
export function placesOf(kind: Pick<WarningKind, 'origins' | 'count'>, shown = 3): string {
  const named = Object.entries(kind.origins)
    .filter(([place]) => place !== OTHER_PLACES)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  // Past the bound the exact number of places is unknown: only that it is more.
  const more = OTHER_PLACES in kind.origins
  const head = named.slice(0, shown)
  const rest = kind.count - head.reduce((sum, [, n]) => sum + n, 0)
  const restPlaces = named.length - head.length
  const parts = head.map(([place, n]) => `${place} (${n})`)
  if (more) parts.push(`the rest (${rest})`)
  else if (restPlaces > 0) parts.push(`${restPlaces} more (${rest})`)
  const count = more ? `more than ${named.length} places` : `${named.length} places`
  return `${count}: ${parts.join(', ')}`
}

/** The number of places a kind came from (more than that, past the bound on origins). */
export function placeCount(kind: Pick<WarningKind, 'origins'>): number {
  return Object.keys(kind.origins).length
}

/**
 * Where a kind came from, for one line of a message: `at src/a.js:2:11` for one place,
 * `from 4 places, first at a.test.js:3:41` for several.
 */
export function whereFrom(kind: Pick<WarningKind, 'origin' | 'origins'>): string {
  const places = placeCount(kind)
  if (places <= 1) return `at ${kind.origin}`
  const count = OTHER_PLACES in kind.origins ? `more than ${places - 1}` : String(places)
  return `from ${count} places, first at ${kind.origin}`
}
