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
  /** The origin file relative to the project root (no line), or `package <name>`. */
  origin: string
  /** How many there were when the baseline was written: for people reading it. */
  count: number
}

/** The committed `steadfast.warnings.json`. */
export interface BaselineFile {
  kind: 'steadfast-warnings-baseline'
  version: 1
  kinds: BaselineEntry[]
}

export type BaselineRead =
  | { status: 'missing' }
  | { status: 'corrupt'; reason: string }
  | { status: 'ok'; entries: BaselineEntry[] }

/** Reads the baseline; a file that is not a baseline is `corrupt` with the reason, never thrown. */
export function readBaseline(file: string): BaselineRead {
  if (!existsSync(file)) return { status: 'missing' }
  let data: unknown
  try {
    data = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    return { status: 'corrupt', reason: `it is not valid JSON (${(error as Error).message})` }
  }
  const c = data as Partial<BaselineFile> | null
  if (c?.kind !== 'steadfast-warnings-baseline' || c.version !== 1 || !Array.isArray(c.kinds))
    return {
      status: 'corrupt',
      reason:
        'it is not a @steadfast/warnings baseline (expected { "kind": "steadfast-warnings-baseline", "version": 1, "kinds": [...] })',
    }
  const bad = c.kinds.findIndex(
    (k) =>
      typeof k?.type !== 'string' ||
      typeof k.code !== 'string' ||
      typeof k.template !== 'string' ||
      typeof k.origin !== 'string',
  )
  if (bad !== -1)
    return { status: 'corrupt', reason: `kinds[${bad}] lacks one of type, code, template, origin (strings)` }
  return { status: 'ok', entries: c.kinds }
}

/** The baseline of a run: its kinds by type, code, template and origin file, counts summed, sorted. */
export function baselineOf(store: WarningStore): BaselineFile {
  const byId = new Map<string, BaselineEntry>()
  for (const kind of rankKinds(store)) {
    const id = baselineId(kind)
    const known = byId.get(id)
    if (known) known.count += kind.count
    else
      byId.set(id, {
        type: kind.type,
        code: kind.code,
        template: kind.template,
        origin: kind.place,
        count: kind.count,
      })
  }
  const kinds = [...byId.values()].sort(
    (a, b) =>
      byCodePoint(a.type, b.type) ||
      byCodePoint(a.code, b.code) ||
      byCodePoint(a.template, b.template) ||
      byCodePoint(a.origin, b.origin),
  )
  return { kind: 'steadfast-warnings-baseline', version: 1, kinds }
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
  const known = new Set(entries.map((e) => baselineId({ ...e, place: e.origin })))
  const seen = new Set<string>()
  const added: WarningKind[] = []
  for (const kind of rankKinds(store)) {
    const id = baselineId(kind)
    seen.add(id)
    if (!known.has(id)) added.push(kind)
  }
  const gone = entries.filter((e) => !seen.has(baselineId({ ...e, place: e.origin })))
  return { added, gone }
}
