import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { readJsonArtifacts, uniqueSuffix, writeRunArtifact } from '@steadfast/core'
import { type StoreSnapshot, WarningStore } from './store.js'

/**
 * The JSON artifact: one per worker (`warnings-worker-*.json`), merged into `warnings.json`.
 * Version 2: a kind is its type, code and template, with a tally of `origins`. Version 1 (one kind
 * per origin, with a `place`) is still read: merging makes one kind of its kinds per template.
 */
export interface WarningsArtifact extends StoreSnapshot {
  kind: 'steadfast-warnings'
  version: 2
}

const WORKER_PREFIX = 'warnings-worker-'
/** The merged artifact of a run, in its run directory. */
export const MERGED_NAME = 'warnings.json'

/** Where a Vitest file task's meta holds the file's counts, for `vitest --merge-reports`. */
export const META_KEY = 'steadfastWarnings'
/** Marker files that make the live output print each kind once across every worker. */
export const LIVE_DIR = 'warnings-live'

/** Whether `data` has the shape of a @steadfast/warnings artifact. */
export function isWarningsArtifact(data: unknown): data is WarningsArtifact {
  const c = data as Partial<WarningsArtifact> | null
  return (
    c?.kind === 'steadfast-warnings' &&
    // A number, not the type's literal: version 1 files are read too.
    ((c.version as number) === 1 || c.version === 2) &&
    typeof c.total === 'number' &&
    typeof c.ignored === 'number' &&
    Array.isArray(c.kinds) &&
    typeof c.files === 'object' &&
    c.files !== null &&
    c.kinds.every(
      (k) =>
        typeof k?.key === 'string' &&
        typeof k.count === 'number' &&
        typeof k.type === 'string' &&
        typeof k.template === 'string' &&
        typeof k.files === 'object' &&
        typeof k.tests === 'object',
    )
  )
}

/** A new worker artifact's path: unique per process and thread. */
export function workerArtifactFile(dir: string): string {
  return join(dir, `${WORKER_PREFIX}${uniqueSuffix()}.json`)
}

export function writeArtifact(file: string, snapshot: StoreSnapshot): void {
  writeRunArtifact(
    file,
    { kind: 'steadfast-warnings', version: 2, ...snapshot } satisfies WarningsArtifact,
    'warnings counted in this process are missing from the summary, the budget and the ratchet',
  )
}

/**
 * Removes what a previous run left: worker artifacts (readable or not, and the temp files of a
 * write cut short) and live-output markers.
 */
export function clearRun(dir: string): void {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return
  }
  for (const name of names) if (name.startsWith(WORKER_PREFIX)) rmSync(join(dir, name), { force: true })
  rmSync(join(dir, LIVE_DIR), { recursive: true, force: true })
}

/** Merges every worker artifact of a run directory; corrupt files are returned, never fatal. */
export function mergeWorkerArtifacts(dir: string, into: WarningStore = new WarningStore()) {
  const read = readJsonArtifacts(dir, WORKER_PREFIX, isWarningsArtifact)
  for (const item of read.items) into.merge(item.data)
  return { store: into, corrupt: read.corrupt }
}
