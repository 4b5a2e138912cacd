// A worker's side of the gates: the matchers with their settings, one JSON artifact per worker
// (rewritten atomically after each gate), and a live line for every note.
import { join } from 'node:path'
import { uniqueSuffix, writeRunArtifact } from '@steadfast/core'
import { createPerfMatchers, type PerfMatcher } from './matchers.js'
import { type GateRecord, isGateRecord } from './record.js'
import { currentSettings, type PerfSettings } from './settings.js'

/** The artifact each worker writes. */
export interface PerfArtifact {
  kind: 'steadfast-perf'
  version: 1
  gates: GateRecord[]
}

export const WORKER_PREFIX = 'perf-worker-'

export function isPerfArtifact(data: unknown): data is PerfArtifact {
  const a = data as Partial<PerfArtifact> | null
  return (
    a?.kind === 'steadfast-perf' && a.version === 1 && Array.isArray(a.gates) && a.gates.every(isGateRecord)
  )
}

/** One per worker: its settings, its matchers and the gates it judged. */
export interface PerfWorker {
  settings: PerfSettings
  matchers: { toBeFasterThan: PerfMatcher; toRunFasterThan: PerfMatcher }
  gates: GateRecord[]
  /** Where live lines go (Jest points it at the test file's console). */
  warn: (line: string) => void
}

const KEY = Symbol.for('steadfast.perf.worker')

/** The worker's one instance (one per thread: Vitest's threads pool shares a process). */
export function perfWorker(): PerfWorker {
  const holder = globalThis as { [KEY]?: PerfWorker }
  if (holder[KEY]) return holder[KEY]
  const settings = currentSettings()
  const file = join(settings.dir, `${WORKER_PREFIX}${uniqueSuffix()}.json`)
  const gates: GateRecord[] = []
  const worker: PerfWorker = {
    settings,
    gates,
    warn: (line) => process.stderr.write(`${line}\n`),
    matchers: createPerfMatchers({
      settings: () => settings,
      record(record, message) {
        gates.push(record)
        writeRunArtifact(
          file,
          { kind: 'steadfast-perf', version: 1, gates } satisfies PerfArtifact,
          "this worker's gates are missing from the end-of-run summary (a gate that failed still failed its test)",
        )
        if (!record.failed && record.outcome !== 'SATISFIED') {
          worker.warn(`[steadfast/perf] ${message.split('\n').join('\n[steadfast/perf] ')}`)
        }
        for (const note of record.notes ?? []) worker.warn(`[steadfast/perf] ${record.name}: note: ${note}`)
      },
    }),
  }
  holder[KEY] = worker
  return worker
}
