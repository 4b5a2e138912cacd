// What Linux's /proc says about processes: enough to find a process tree, to tell a process from a
// later one that reuses its pid, and to tell a zombie from a live process. Every read tolerates a
// process that vanishes mid-read, and a system without /proc (then nothing is known, and callers
// fall back to what the process group alone gives).
import { readdirSync, readFileSync } from 'node:fs'

/** One process, as /proc/<pid>/stat describes it. */
export interface ProcStat {
  pid: number
  ppid: number
  pgid: number
  /** Session id: differs from the group leader's when a descendant called setsid. */
  sid: number
  /** R, S, D, Z (zombie), T... */
  state: string
  /** Start time in clock ticks after boot: with the pid, it names one process for good. */
  start: number
  /** The kernel's PF_* flags: PF_EXITING (0x4) is set from the first step of its exit. */
  flags: number
}

/** The kernel's flag of a process that has begun to exit (include/linux/sched.h). */
export const PF_EXITING = 0x4

/** A process named so that a later process reusing the pid is not mistaken for it. */
export interface ProcessId {
  pid: number
  start: number
}

/** Reads /proc/<pid>/stat; undefined when the process is gone (or there is no /proc). */
export function readStat(pid: number): ProcStat | undefined {
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return undefined
  }
  // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  return {
    pid,
    state: fields[0] ?? '?',
    ppid: Number(fields[1]),
    pgid: Number(fields[2]),
    sid: Number(fields[3]),
    flags: Number(fields[6]),
    start: Number(fields[19]),
  }
}

let procAvailable: boolean | undefined

/** Whether /proc is there to read: Linux. */
export function hasProc(): boolean {
  procAvailable ??= readStat(process.pid) !== undefined
  return procAvailable
}

/** Whether this exact process (pid and start time) still runs; a zombie counts as gone. */
export function isRunning(id: ProcessId): boolean {
  const stat = readStat(id.pid)
  return stat !== undefined && stat.start === id.start && stat.state !== 'Z'
}

/** Every process on the system, read once. */
export function listProcesses(): ProcStat[] {
  let names: string[]
  try {
    names = readdirSync('/proc')
  } catch {
    return []
  }
  const all: ProcStat[] = []
  for (const name of names) {
    const code = name.charCodeAt(0)
    if (code < 48 || code > 57) continue
    const stat = readStat(Number(name))
    if (stat) all.push(stat)
  }
  return all
}

/**
 * The live descendants of `roots` (children, their children...), found by parent pid, plus every
 * live member of the roots' process groups. A descendant that called setsid is still found here
 * as long as its parent lives: that is why callers take this list before they kill anything.
 */
export function treeOf(roots: number[], processes: ProcStat[] = listProcesses()): ProcessId[] {
  const children = new Map<number, ProcStat[]>()
  for (const stat of processes) {
    const list = children.get(stat.ppid)
    if (list) list.push(stat)
    else children.set(stat.ppid, [stat])
  }
  const groups = new Set(roots)
  const found = new Map<number, ProcessId>()
  const queue = [...roots]
  while (queue.length > 0) {
    const pid = queue.pop() as number
    for (const child of children.get(pid) ?? []) {
      if (found.has(child.pid)) continue
      found.set(child.pid, { pid: child.pid, start: child.start })
      queue.push(child.pid)
    }
  }
  for (const stat of processes) {
    if (groups.has(stat.pgid) && !found.has(stat.pid))
      found.set(stat.pid, { pid: stat.pid, start: stat.start })
  }
  const zombies = new Set(processes.filter((p) => p.state === 'Z').map((p) => p.pid))
  return [...found.values()].filter((id) => !groups.has(id.pid) && !zombies.has(id.pid))
}

/** Whether any process of group `pgid` is alive (zombies, which only wait to be reaped, do not count). */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
  } catch {
    return false
  }
  if (!hasProc()) return true
  return listProcesses().some((p) => p.pgid === pgid && p.state !== 'Z')
}
