import { rmSync } from 'node:fs'
import { join, relative } from 'node:path'
import { readJsonArtifacts, uniqueSuffix, writeRunArtifact } from '@steadfast/core'
import { describeError } from './_ignore.js'
import { userOrigin } from './_origin.js'
import type { CaughtError } from './catcher.js'

/** One caught error as it lands in the JSON artifact. */
export interface RejectionRecord {
  type: CaughtError['type']
  /** Test file (relative to the root) of the owner, or of the file that was running. */
  file: string
  /** The test or part of the file that created it. */
  owner: string
  ownerKind: 'test' | 'file' | 'none'
  late: boolean
  name: string
  message: string
  /** `file:line` of the first user frame of its stack. */
  origin: string | undefined
  /** What Steadfast did: failed the owner test, failed the file, or only warned. */
  outcome: 'failed-test' | 'failed-file' | 'warned'
}

/** One handle a test or file left open, as it lands in the JSON artifact. */
export interface LeakRecord {
  file: string
  owner: string
  kind: string
  type: string
  origin: string | undefined
  outcome: 'failed-test' | 'failed-file' | 'warned'
}

export interface RejectionsArtifact {
  kind: 'steadfast-rejections'
  version: 1
  records: RejectionRecord[]
  leaks?: LeakRecord[]
}

const WORKER_PREFIX = 'rejections-worker-'

/** Where a Vitest file task's meta holds what the plugin recorded for that file. */
export const META_KEY = 'steadfastRejections'

export function toRecord(
  caught: CaughtError,
  outcome: RejectionRecord['outcome'],
  root: string,
  runningFile: string,
): RejectionRecord {
  const { name, message, stack } = describeError(caught.error)
  const origin = userOrigin(stack)
  return {
    type: caught.type,
    file: caught.owner?.file ?? runningFile,
    owner: caught.owner?.name ?? '(outside any test)',
    ownerKind: caught.owner?.kind ?? 'none',
    late: caught.late,
    name,
    message: message.split('\n')[0] ?? '',
    origin: origin ? `${relative(root, origin.file)}:${origin.line}` : undefined,
    outcome,
  }
}

/** Each worker keeps one artifact file, rewritten atomically as records arrive. */
export class WorkerArtifact {
  readonly #file: string
  readonly #records: RejectionRecord[] = []
  readonly #leaks: LeakRecord[] = []

  constructor(dir: string) {
    this.#file = join(dir, `${WORKER_PREFIX}${uniqueSuffix()}.json`)
  }

  /** What was recorded so far for one test file (Vitest keeps it in the file's task meta). */
  ofFile(file: string): { records: RejectionRecord[]; leaks: LeakRecord[] } {
    return {
      records: this.#records.filter((r) => r.file === file),
      leaks: this.#leaks.filter((l) => l.file === file),
    }
  }

  add(records: RejectionRecord[], leaks: LeakRecord[] = []): void {
    if (records.length === 0 && leaks.length === 0) return
    this.#records.push(...records)
    this.#leaks.push(...leaks)
    const artifact: RejectionsArtifact = {
      kind: 'steadfast-rejections',
      version: 1,
      records: this.#records,
      leaks: this.#leaks,
    }
    writeRunArtifact(
      this.#file,
      artifact,
      "this worker's unhandled errors and leaks are missing from the end-of-run summary (the tests they failed still failed)",
    )
  }
}

/** Whether `data` has the shape of a @steadfast/rejections artifact. */
export function isRejectionsArtifact(data: unknown): data is RejectionsArtifact {
  const candidate = data as Partial<RejectionsArtifact> | null
  return (
    candidate?.kind === 'steadfast-rejections' && candidate.version === 1 && Array.isArray(candidate.records)
  )
}

/** Removes the worker artifacts a previous run left. */
export function clearWorkerArtifacts(dir: string): void {
  for (const { file } of readJsonArtifacts(dir, WORKER_PREFIX, (_data): _data is unknown => true).items)
    rmSync(file, { force: true })
}

/**
 * Merges the workers' artifacts of one run directory into one record list (shards: see cli.ts);
 * corrupt files are reported by path, never fatal.
 */
export function mergeArtifacts(dir: string): {
  records: RejectionRecord[]
  leaks: LeakRecord[]
  corrupt: Array<{ file: string; reason: string }>
} {
  const read = readJsonArtifacts(dir, WORKER_PREFIX, isRejectionsArtifact)
  return {
    records: read.items.flatMap((item) => item.data.records),
    leaks: read.items.flatMap((item) => item.data.leaks ?? []),
    corrupt: read.corrupt,
  }
}

export function writeMergedArtifact(
  dir: string,
  records: RejectionRecord[],
  leaks: LeakRecord[] = [],
): string {
  const file = join(dir, 'rejections.json')
  writeRunArtifact(
    file,
    { kind: 'steadfast-rejections', version: 1, records, leaks } satisfies RejectionsArtifact,
    'the run has no rejections.json (its summary is printed)',
  )
  return file
}

/** The end-of-run summary: counts per file and test, most first, with the first error of each. */
export function formatSummary(records: RejectionRecord[], leaks: LeakRecord[] = []): string {
  return [formatErrors(records), formatLeaks(leaks)].filter(Boolean).join('\n')
}

function formatLeaks(leaks: LeakRecord[]): string {
  if (leaks.length === 0) return ''
  const lines = [
    `@steadfast/rejections: ${leaks.length} open ${leaks.length === 1 ? 'handle' : 'handles'} left behind by tests`,
  ]
  for (const leak of leaks) {
    lines.push(
      `  ${leak.file} > ${leak.owner}: ${leak.kind} created at ${leak.origin ?? '(no frame in your code)'}`,
    )
  }
  return lines.join('\n')
}

function formatErrors(records: RejectionRecord[]): string {
  if (records.length === 0) return ''
  const groups = new Map<string, RejectionRecord[]>()
  for (const record of records) {
    const key = `${record.file} > ${record.owner}`
    groups.set(key, [...(groups.get(key) ?? []), record])
  }
  const rows = [...groups.entries()].sort((a, b) => b[1].length - a[1].length)
  const failed = records.filter((r) => r.outcome !== 'warned').length
  const lines = [
    `@steadfast/rejections: ${records.length} unhandled ${records.length === 1 ? 'error' : 'errors'} in ${groups.size} ${groups.size === 1 ? 'place' : 'places'}` +
      (failed > 0 ? ` (${failed} failed a test or file)` : ' (warnings only)'),
  ]
  for (const [where, list] of rows) {
    const first = list[0] as RejectionRecord
    const late = list.some((r) => r.late) ? ', late' : ''
    lines.push(`  ${String(list.length).padStart(4)} × ${where}${late}`)
    lines.push(`         ${first.name}: ${first.message}${first.origin ? `  (at ${first.origin})` : ''}`)
  }
  return lines.join('\n')
}

export function markdownSummary(records: RejectionRecord[]): string {
  if (records.length === 0) return ''
  const rows = records.map(
    (r) =>
      `| ${r.file} | ${r.owner.replaceAll('|', '\\|')} | ${r.type}${r.late ? ' (late)' : ''} | ${`${r.name}: ${r.message}`.replaceAll('|', '\\|')} | ${r.outcome} |`,
  )
  return [
    '### @steadfast/rejections',
    '',
    '| file | test | type | error | outcome |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n')
}
