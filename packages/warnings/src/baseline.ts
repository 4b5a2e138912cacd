import { existsSync, readFileSync } from 'node:fs'
import { writeJsonAtomic } from '@steadfast/core'
import { baselineId, type WarningKind } from './kind.js'
import { byCodePoint, rankKinds } from './report.js'
import type { WarningStore } from './store.js'

/** One known kind in the committed baseline. */
export interface BaselineEntry {
  type: string
  code: string
  template: string
  /** How many there were when the baseline was written: for people reading it. */
  count: number
}

/** The committed `steadfast.warnings.json`. */
export interface BaselineFile {
  kind: 'steadfast-warnings-baseline'
  /** 2: one entry per kind (type, code, template). Version 1 had one per kind and origin file. */
  version: 2
  kinds: BaselineEntry[]
}

export type BaselineRead =
  | { status: 'missing' }
  | { status: 'corrupt'; reason: string }
  | {
      status: 'ok'
      entries: BaselineEntry[]
      /**
       * Set when the file is of version 1 (one entry per kind and origin file): how many entries
       * it had. Entries that differ only in their origin were read as one.
       */
      migrated?: { version: 1; entries: number }
    }

const KIND = 'steadfast-warnings-baseline'

/**
 * Reads the baseline; a file that is not a baseline is `corrupt` with the reason, never thrown. A
 * version 1 file (kinds per origin file) is read as version 2: its entries that differ only in
 * `origin` are one kind, their counts summed.
 */
export function readBaseline(file: string): BaselineRead {
  if (!existsSync(file)) return { status: 'missing' }
  let data: unknown
  try {
    data = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    return { status: 'corrupt', reason: `it is not valid JSON (${(error as Error).message})` }
  }
  const c = data as { kind?: unknown; version?: unknown; kinds?: unknown } | null
  if (c?.kind !== KIND || !Array.isArray(c.kinds) || (c.version !== 1 && c.version !== 2))
    return {
      status: 'corrupt',
      reason:
        c?.kind === KIND && typeof c.version === 'number' && c.version > 2
          ? `it is of version ${c.version}, newer than this @steadfast/warnings reads (1 and 2): update @steadfast/warnings`
          : `it is not a @steadfast/warnings baseline (expected { "kind": "${KIND}", "version": 2, "kinds": [...] })`,
    }
  const kinds = c.kinds as Array<Partial<Record<keyof BaselineEntry, unknown>> | null>
  const bad = kinds.findIndex(
    (k) => typeof k?.type !== 'string' || typeof k.code !== 'string' || typeof k.template !== 'string',
  )
  if (bad !== -1)
    return { status: 'corrupt', reason: `kinds[${bad}] lacks one of type, code, template (strings)` }
  const entries = collapse(
    (kinds as Array<Record<keyof BaselineEntry, unknown>>).map((k) => ({
      type: k.type as string,
      code: k.code as string,
      template: k.template as string,
      count: typeof k.count === 'number' ? k.count : 0,
    })),
  )
  return c.version === 1
    ? { status: 'ok', entries, migrated: { version: 1, entries: kinds.length } }
    : { status: 'ok', entries }
}

/** Entries by kind (type, code, template), counts summed, sorted by code point. */
function collapse(entries: Iterable<BaselineEntry>): BaselineEntry[] {
  const byId = new Map<string, BaselineEntry>()
  for (const entry of entries) {
    const id = baselineId(entry)
    const known = byId.get(id)
    if (known) known.count += entry.count
    else byId.set(id, { ...entry })
  }
  return [...byId.values()].sort(
    (a, b) =>
      byCodePoint(a.type, b.type) || byCodePoint(a.code, b.code) || byCodePoint(a.template, b.template),
  )
}

/** The baseline of a run: its kinds by type, code and template, with their counts, sorted. */
export function baselineOf(store: WarningStore): BaselineFile {
  const kinds = collapse(
    rankKinds(store).map((kind) => ({
      type: kind.type,
      code: kind.code,
      template: kind.template,
      count: kind.count,
    })),
  )
  return { kind: KIND, version: 2, kinds }
}

/** Writes the baseline atomically (temp file + rename): a reader never sees half of it. */
export function writeBaseline(file: string, store: WarningStore): BaselineFile {
  const baseline = baselineOf(store)
  writeJsonAtomic(file, baseline)
  return baseline
}

/** Kinds of this run the baseline lacks, and baseline kinds this run no longer has. */
export function compareBaseline(
  store: WarningStore,
  entries: BaselineEntry[],
): { added: WarningKind[]; gone: BaselineEntry[] } {
  const known = new Set(entries.map(baselineId))
  const seen = new Set<string>()
  const added: WarningKind[] = []
  for (const kind of rankKinds(store)) {
    const id = baselineId(kind)
    seen.add(id)
    if (!known.has(id)) added.push(kind)
  }
  const gone = entries.filter((e) => !seen.has(baselineId(e)))
  return { added, gone }
}
