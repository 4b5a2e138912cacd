import { kindKey, OTHER_PLACES, type WarningKind } from './kind.js'

/** Most kinds one store keeps; past that, warnings count in one overflow kind. */
export const MAX_KINDS = 2000
/** Most origins, files and tests listed per kind; the rest count together. */
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
 * tally of origins, files and tests per kind, and nothing per occurrence.
 */
export class WarningStore {
  readonly kinds = new Map<string, WarningKind>()
  readonly files = new Map<string, number>()
  total = 0
  ignored = 0
  /**
   * The origins of each kind counted for one test file, kept while that file runs (see
   * `followFile`): a kind's own tally spans every file, and `ofFile` must give the file's part.
   */
  #followed: { file: string; origins: Map<WarningKind, Record<string, number>> } | undefined

  /** The kind of `key`, made by `create` the first time (or the overflow kind once full). */
  kind(key: string, create: () => WarningKind): WarningKind {
    const known = this.kinds.get(key)
    if (known) return known
    if (this.kinds.size >= MAX_KINDS) return this.#overflow(create())
    const made = create()
    this.kinds.set(key, made)
    return made
  }

  /**
   * Counts one occurrence of `kind` from `origin` (its `file:line` or `package <name>`) in `file`
   * (and `test`, when one was running).
   */
  count(kind: WarningKind, origin: string, file: string, test: string | undefined, times = 1): void {
    kind.count += times
    this.total += times
    this.files.set(file, (this.files.get(file) ?? 0) + times)
    tally(kind.origins, origin, times, OTHER_PLACES)
    tally(kind.files, file, times, OTHER_FILES)
    if (test !== undefined) tally(kind.tests, test, times, OTHER_TESTS)
    const followed = this.#followed
    if (followed?.file === file) {
      const origins = followed.origins.get(kind) ?? {}
      followed.origins.set(kind, origins)
      tally(origins, origin, times, OTHER_PLACES)
    }
  }

  /**
   * Keeps the origins of what `file` emits apart from then on, for `ofFile` (Vitest's task meta),
   * until another file is followed. One file at a time: a worker runs one file at a time.
   */
  followFile(file: string): void {
    this.#followed = { file, origins: new Map() }
  }

  /**
   * Adds a snapshot (another worker's, another shard's) to this store. Kinds are matched by type,
   * code and template, whatever key the snapshot gave them: an artifact of an earlier version,
   * which kept one kind per origin, merges into one kind per template.
   */
  merge(snapshot: StoreSnapshot): void {
    this.ignored += snapshot.ignored
    for (const incoming of snapshot.kinds) {
      const key = incoming.key === OVERFLOW ? OVERFLOW : kindKey(incoming)
      const kind = this.kind(key, () => ({
        key,
        type: incoming.type,
        code: incoming.code,
        template: incoming.template,
        message: incoming.message,
        origin: incoming.origin,
        origins: {},
        count: 0,
        files: {},
        tests: {},
        error: false,
      }))
      kind.error ||= incoming.error
      kind.count += incoming.count
      // Version 1 artifacts have no origins: their one origin had all the kind's occurrences.
      const origins = incoming.origins ?? { [originKeyOf(incoming.origin)]: incoming.count }
      for (const [origin, n] of Object.entries(origins)) tally(kind.origins, origin, n, OTHER_PLACES)
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
    const followed = this.#followed?.file === file ? this.#followed.origins : undefined
    const kinds: WarningKind[] = []
    for (const kind of this.kinds.values()) {
      const count = kind.files[file]
      if (!count) continue
      const tests = Object.fromEntries(Object.entries(kind.tests).filter(([test]) => test.startsWith(prefix)))
      // Unfollowed, the file's part of the origins is known only when the kind is all the file's.
      const origins = followed?.get(kind) ?? (count === kind.count ? kind.origins : { [OTHER_PLACES]: count })
      kinds.push({ ...kind, count, origins: { ...origins }, files: { [file]: count }, tests })
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
    let kind = this.kinds.get(OVERFLOW)
    if (!kind) {
      kind = {
        ...sample,
        key: OVERFLOW,
        type: '(more kinds)',
        code: '',
        template: `(more than ${MAX_KINDS} kinds: the rest are counted here)`,
        origins: {},
        count: 0,
        files: {},
        tests: {},
        error: false,
      }
      this.kinds.set(OVERFLOW, kind)
    }
    return kind
  }
}

/** The key of the kind that counts what comes past MAX_KINDS. */
const OVERFLOW = '(overflow)'

/** `file:line` of a `file:line:column` origin (a version 1 artifact's); `package <name>` stays. */
function originKeyOf(origin: string): string {
  return origin.replace(/(:\d+):\d+$/, '$1')
}

function tally(counts: Record<string, number>, name: string, times: number, other: string): void {
  if (name in counts) counts[name] = (counts[name] ?? 0) + times
  else if (Object.keys(counts).length < MAX_PLACES) counts[name] = times
  else counts[other] = (counts[other] ?? 0) + times
}
