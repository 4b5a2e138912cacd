// The pid registry in the run directory: one file per live process, written when it is spawned
// and removed once its tree is dead. Whatever a crashed worker (or a killed watchdog) leaves is
// reaped at the end of the run, and at the start of the next one. A pid is only ever signalled
// when its start time matches the one recorded: a reused pid is someone else's process.
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { writeRunArtifact } from '@steadfast/core'
import { isRunning, type ProcessId, readStat, treeOf } from './_proc.js'
import { killTree } from './_tree.js'

/** One process of the registry. */
export interface RegistryEntry {
  kind: 'steadfast-respawn-pid'
  version: 1
  pid: number
  start: number
  name: string
  command: string
  /** The test file it was started for. */
  file: string
  /** The worker that started it: while that runs, the entry is its business. */
  owner: ProcessId
  /** The run that started it (undefined without the plugin or the reporter). */
  runId: string | undefined
  /** Descendants seen so far (a setsid one is not in the group). */
  members: ProcessId[]
  stopTimeout: number
}

const folder = (runDir: string): string => join(runDir, 'respawn', 'pids')
const fileOf = (runDir: string, id: ProcessId): string => join(folder(runDir), `${id.pid}-${id.start}.json`)

/** This worker, as an owner: its pid and start time. */
export function selfId(): ProcessId {
  return { pid: process.pid, start: readStat(process.pid)?.start ?? 0 }
}

export function register(runDir: string, entry: RegistryEntry): void {
  writeRunArtifact(
    fileOf(runDir, entry),
    entry,
    'a process this worker starts is not in the registry, so a crash of the worker may leave it running',
  )
}

export function unregister(runDir: string, id: ProcessId): void {
  rmSync(fileOf(runDir, id), { force: true })
}

function entries(runDir: string): Array<{ file: string; entry: RegistryEntry | undefined }> {
  let names: string[]
  try {
    names = readdirSync(folder(runDir))
  } catch {
    return []
  }
  return names
    .filter((name) => name.endsWith('.json'))
    .map((name) => {
      const file = join(folder(runDir), name)
      try {
        const data = JSON.parse(readFileSync(file, 'utf8')) as RegistryEntry
        return { file, entry: data?.kind === 'steadfast-respawn-pid' ? data : undefined }
      } catch {
        return { file, entry: undefined }
      }
    })
}

/** One process tree the reaper killed, for its message. */
export interface Reaped {
  name: string
  pid: number
  file: string
}

/**
 * Kills what the registry lists and nobody will clean up: processes whose worker is dead, and
 * (when `runId` is given, at the end of that run) every process of that run. Entries of a live
 * worker of another run are left alone: that run is still going.
 */
export async function reap(runDir: string, runId?: string): Promise<Reaped[]> {
  const reaped: Reaped[] = []
  const work: Array<Promise<void>> = []
  for (const { file, entry } of entries(runDir)) {
    if (!entry) {
      rmSync(file, { force: true })
      continue
    }
    const ours = runId !== undefined && entry.runId === runId
    if (!ours && isRunning(entry.owner)) continue
    const leader = { pid: entry.pid, start: entry.start }
    const members = [...entry.members]
    if (isRunning(leader)) members.push(...treeOf([leader.pid]))
    const tree = { leader, members }
    if (isRunning(leader) || members.some(isRunning)) {
      reaped.push({ name: entry.name, pid: entry.pid, file: entry.file })
      work.push(killTree(tree, 'SIGTERM', Math.min(entry.stopTimeout, 2000)))
    }
    work.push(Promise.resolve().then(() => rmSync(file, { force: true })))
  }
  await Promise.all(work)
  return reaped
}
