/** One kind of warning (type, code, template, origin) with how often it came and from where. */
export interface WarningKind {
  /** The dedupe identity: type, code, template and origin key, joined. */
  key: string
  /** `DeprecationWarning`, `ExperimentalWarning`, a custom type, `console.warn`, `console.error`. */
  type: string
  /** The warning's code (`DEP0005`), or `''`. */
  code: string
  /** The message with numbers, hex, paths, UUIDs and quoted values normalised. */
  template: string
  /** The first message of this kind, as it was. */
  message: string
  /** Where its first occurrence came from: `file:line:column` relative to the root. */
  origin: string
  /** The origin file (no line) or `package <name>`: what the baseline compares. */
  place: string
  count: number
  /** Occurrences per test file (relative to the root); at most a few dozen, the rest in `(other files)`. */
  files: Record<string, number>
  /** Occurrences per test (`file > full name`); at most a few dozen, the rest in `(other tests)`. */
  tests: Record<string, number>
  /** Whether an `error` rule matched it (it failed the tests that emitted it). */
  error: boolean
}

/** The identity of a kind in the baseline: its origin without the line. */
export function baselineId(kind: Pick<WarningKind, 'type' | 'code' | 'template' | 'place'>): string {
  return `${kind.type}\u0000${kind.code}\u0000${kind.template}\u0000${kind.place}`
}

/** How a kind is named in messages and tables: `DeprecationWarning DEP0005`, `console.warn`. */
export function kindLabel(kind: Pick<WarningKind, 'type' | 'code'>): string {
  return kind.code ? `${kind.type} ${kind.code}` : kind.type
}
