import type { WarningKind } from './kind.js'

/** Most kinds one store keeps; past that, warnings count in one overflow kind. */
export const MAX_KINDS = 2000
/** Most files and tests listed per kind; the rest count together. */
export const MAX_PLACES = 25
const OTHER_FILES = '(other files)'
const OTHER_TESTS = '(other tests)'

/** The counts a store holds, as they go into the JSON artifact. */
export interface StoreSnapshot {
  total: number
  ignored: number
  kinds: WarningKind[]
  /** Warnings per test file, for the per-file budgets. */
  files: Record<string, number>
}

/**
 * Counts warnings by kind with bounded memory: one record per kind (at most MAX_KINDS), a bounded
 * tally of files and tests per kind, and nothing per occurrence.
 */
export class WarningStore {
  readonly kinds = new Map<string, WarningKind>()
  readonly files = new Map<string, number>()
  total = 0
  ignored = 0

  /** The kind of `key`, made by `create` the first time (or the overflow kind once full). */
  kind(key: string, create: () => WarningKind): WarningKind {
    const known = this.kinds.get(key)
    if (known) return known
    if (this.kinds.size >= MAX_KINDS) return this.#overflow(create())
    const made = create()
    this.kinds.set(key, made)
    return made
  }

  /** Counts one occurrence of `kind` from `file` (and `test`, when one was running). */
  count(kind: WarningKind, file: string, test: string | undefined, times = 1): void {
    kind.count += times
    this.total += times
    this.files.set(file, (this.files.get(file) ?? 0) + times)
    tally(kind.files, file, times, OTHER_FILES)
    if (test !== undefined) tally(kind.tests, test, times, OTHER_TESTS)
  }

  /** Adds a snapshot (another worker's, another shard's) to this store. */
  merge(snapshot: StoreSnapshot): void {
    this.ignored += snapshot.ignored
    for (const incoming of snapshot.kinds) {
      const kind = this.kind(incoming.key, () => ({ ...incoming, count: 0, files: {}, tests: {} }))
      kind.error ||= incoming.error
      kind.count += incoming.count
      for (const [file, n] of Object.entries(incoming.files)) tally(kind.files, file, n, OTHER_FILES)
      for (const [test, n] of Object.entries(incoming.tests)) tally(kind.tests, test, n, OTHER_TESTS)
    }
    this.total += snapshot.total
    for (const [file, n] of Object.entries(snapshot.files))
      this.files.set(file, (this.files.get(file) ?? 0) + n)
  }

  /**
   * The counts of one test file (its kinds, their tests in that file) as a snapshot: what Vitest
   * keeps in the file's task meta for `--merge-reports`. `ignored` is the file's own count.
   */
  ofFile(file: string, ignored: number): StoreSnapshot {
    const prefix = `${file} > `
    const kinds: WarningKind[] = []
    for (const kind of this.kinds.values()) {
      const count = kind.files[file]
      if (!count) continue
      const tests = Object.fromEntries(Object.entries(kind.tests).filter(([test]) => test.startsWith(prefix)))
      kinds.push({ ...kind, count, files: { [file]: count }, tests })
    }
    const total = this.files.get(file) ?? 0
    return { total, ignored, kinds, files: total > 0 ? { [file]: total } : {} }
  }

  snapshot(): StoreSnapshot {
    return {
      total: this.total,
      ignored: this.ignored,
      kinds: [...this.kinds.values()].filter((k) => k.count > 0),
      files: Object.fromEntries(this.files),
    }
  }

  #overflow(sample: WarningKind): WarningKind {
    const key = '(overflow)'
    let kind = this.kinds.get(key)
    if (!kind) {
      kind = {
        ...sample,
        key,
        type: '(more kinds)',
        code: '',
        template: `(more than ${MAX_KINDS} kinds: the rest are counted here)`,
        place: '(various)',
        count: 0,
        files: {},
        tests: {},
        error: false,
      }
      this.kinds.set(key, kind)
    }
    return kind
  }
}

function tally(counts: Record<string, number>, name: string, times: number, other: string): void {
  if (name in counts) counts[name] = (counts[name] ?? 0) + times
  else if (Object.keys(counts).length < MAX_PLACES) counts[name] = times
  else counts[other] = (counts[other] ?? 0) + times
}
