// What happened to the processes of each file, as workers record it and the end of the run
// merges it: a JSON artifact per worker in the run directory, one merged artifact, a summary.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { readJsonArtifacts, uniqueSuffix, writeRunArtifact } from '@steadfast/core'

/** One respawn, or the moment a process became degraded. */
export interface RespawnRecord {
  /** Test file, relative to the project root. */
  file: string
  /** The process's `name`. */
  process: string
  outcome: 'respawned' | 'degraded'
  /** The test it happened before (full name), if any. */
  test: string | undefined
  /** What was wrong, in words: "exited with signal SIGKILL", "GET … failed: ECONNREFUSED". */
  cause: string
  exitCode: number | null
  signal: string | null
  /** For `degraded`: the reason code of the ProcessDegradedError. */
  reason?: string
  stderr: string[]
  stdout: string[]
}

export interface RespawnArtifact {
  kind: 'steadfast-respawn'
  version: 1
  records: RespawnRecord[]
}

const WORKER_PREFIX = 'respawn-worker-'

/** Where a Vitest file task's meta holds the file's records, for `vitest --merge-reports`. */
export const META_KEY = 'steadfastRespawn'

/** The artifact of one worker, rewritten atomically as records arrive. */
export class WorkerArtifact {
  readonly #file: string
  readonly #records: RespawnRecord[] = []

  constructor(dir: string) {
    this.#file = join(dir, `${WORKER_PREFIX}${uniqueSuffix()}.json`)
  }

  /** The records of one test file so far. */
  ofFile(file: string): RespawnRecord[] {
    return this.#records.filter((r) => r.file === file)
  }

  add(record: RespawnRecord): void {
    this.#records.push(record)
    writeRunArtifact(
      this.#file,
      { kind: 'steadfast-respawn', version: 1, records: this.#records } satisfies RespawnArtifact,
      "this worker's process events are missing from the end-of-run summary",
    )
  }
}

export function isRespawnArtifact(data: unknown): data is RespawnArtifact {
  const candidate = data as Partial<RespawnArtifact> | null
  return (
    candidate?.kind === 'steadfast-respawn' && candidate.version === 1 && Array.isArray(candidate.records)
  )
}

/** Removes the worker artifacts a previous run left. */
export function clearWorkerArtifacts(dir: string): void {
  for (const { file } of readJsonArtifacts(dir, WORKER_PREFIX, (_d): _d is unknown => true).items)
    rmSync(file, { force: true })
}

/** Every worker's records of one run directory; corrupt files by path, never fatal. */
export function mergeArtifacts(dir: string): {
  records: RespawnRecord[]
  corrupt: Array<{ file: string; reason: string }>
} {
  const read = readJsonArtifacts(dir, WORKER_PREFIX, isRespawnArtifact)
  return { records: read.items.flatMap((item) => item.data.records), corrupt: read.corrupt }
}

export function writeMergedArtifact(dir: string, records: RespawnRecord[]): string {
  const file = join(dir, 'respawn.json')
  writeRunArtifact(
    file,
    { kind: 'steadfast-respawn', version: 1, records } satisfies RespawnArtifact,
    'the run has no respawn.json (its summary is printed)',
  )
  return file
}

interface FileSummary {
  file: string
  process: string
  respawns: RespawnRecord[]
  degraded: RespawnRecord | undefined
}

function byFile(records: RespawnRecord[]): FileSummary[] {
  const map = new Map<string, FileSummary>()
  for (const record of records) {
    const key = `${record.file}\u0000${record.process}`
    let entry = map.get(key)
    if (!entry) {
      entry = { file: record.file, process: record.process, respawns: [], degraded: undefined }
      map.set(key, entry)
    }
    if (record.outcome === 'respawned') entry.respawns.push(record)
    else entry.degraded ??= record
  }
  // Degraded files first: they are the ones whose tests failed.
  return [...map.values()].sort(
    (a, b) =>
      Number(b.degraded !== undefined) - Number(a.degraded !== undefined) || a.file.localeCompare(b.file),
  )
}

/** The end-of-run summary: every file whose process was respawned or degraded, with the cause. */
export function formatSummary(records: RespawnRecord[]): string {
  if (records.length === 0) return ''
  const files = byFile(records)
  const degraded = files.filter((f) => f.degraded).length
  const lines = [
    `@steadfast/respawn: ${files.length} ${files.length === 1 ? 'file' : 'files'} had process trouble` +
      (degraded > 0 ? ` (${degraded} did not get a healthy process)` : ''),
  ]
  for (const entry of files) {
    if (entry.degraded) {
      const d = entry.degraded
      lines.push(
        `  degraded   ${entry.file} > ${entry.process}: this file did not get a healthy process: ${d.cause}` +
          (d.test ? ` (from test "${d.test}")` : ''),
      )
    }
    for (const r of entry.respawns) {
      lines.push(
        `  respawned  ${entry.file} > ${entry.process}${r.test ? ` before "${r.test}"` : ''}: ${r.cause}`,
      )
    }
  }
  return lines.join('\n')
}

export function markdownSummary(records: RespawnRecord[]): string {
  if (records.length === 0) return ''
  const cell = (text: string): string => text.replaceAll('|', '\\|')
  return [
    '### @steadfast/respawn',
    '',
    '| file | process | outcome | test | cause |',
    '| --- | --- | --- | --- | --- |',
    ...records.map(
      (r) => `| ${r.file} | ${cell(r.process)} | ${r.outcome} | ${cell(r.test ?? '')} | ${cell(r.cause)} |`,
    ),
  ].join('\n')
}
