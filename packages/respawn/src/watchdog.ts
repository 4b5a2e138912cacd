// The dead man's switch of one test worker, run as its own detached process (`node watchdog.js`).
// The worker writes `add <pid> <start> <stopTimeout>` when it spawns a process and `del <pid>` when
// it has killed it. When the pipe closes, the worker is gone (finished, crashed, SIGKILLed): every
// process still listed has its whole tree killed, stopSignal... SIGTERM first, SIGKILL after its
// stopTimeout. No Steadfast import beyond /proc reading: it must start fast and depend on nothing.
import { isRunning, listProcesses, type ProcessId, readStat, treeOf } from './_proc.js'

interface Entry {
  leader: ProcessId
  grace: number
  members: Map<number, ProcessId>
}

const entries = new Map<number, Entry>()
/** How often descendants are recorded, so a setsid one is known before its parent dies. */
const SCAN_MS = 500
const POLL_MS = 25

function record(): void {
  if (entries.size === 0) return
  const processes = listProcesses()
  for (const entry of entries.values()) {
    for (const member of treeOf([entry.leader.pid], processes)) entry.members.set(member.pid, member)
  }
}

function signal(entry: Entry, sig: NodeJS.Signals): void {
  const leader = readStat(entry.leader.pid)
  // Only our own group: a reused pid with another start time names someone else's.
  if (!leader || leader.start === entry.leader.start) {
    try {
      process.kill(-entry.leader.pid, sig)
    } catch {
      // empty group
    }
  }
  for (const member of entry.members.values()) {
    if (!isRunning(member)) continue
    try {
      process.kill(member.pid, sig)
    } catch {
      // gone
    }
  }
}

function alive(entry: Entry): boolean {
  if (isRunning(entry.leader)) return true
  for (const member of entry.members.values()) if (isRunning(member)) return true
  return listProcesses().some((p) => p.pgid === entry.leader.pid && p.state !== 'Z')
}

let killing = false

function killAll(): void {
  if (killing) return
  killing = true
  record()
  const list = [...entries.values()]
  if (list.length === 0) process.exit(0)
  for (const entry of list) signal(entry, 'SIGTERM')
  const grace = Math.max(...list.map((e) => e.grace))
  const started = Date.now()
  const poll = (): void => {
    const left = list.filter(alive)
    if (left.length === 0) process.exit(0)
    if (Date.now() - started >= grace) {
      for (const entry of left) signal(entry, 'SIGKILL')
      setTimeout(() => process.exit(0), 100)
      return
    }
    setTimeout(poll, POLL_MS)
  }
  setTimeout(poll, POLL_MS)
}

let buffered = ''
process.stdin.setEncoding('utf8')
process.stdin.on('data', (chunk: string) => {
  const lines = (buffered + chunk).split('\n')
  buffered = lines.pop() ?? ''
  for (const line of lines) {
    const [verb, pid, start, grace] = line.trim().split(' ')
    if (verb === 'add' && pid) {
      const id = { pid: Number(pid), start: Number(start) }
      entries.set(id.pid, { leader: id, grace: Number(grace) || 2000, members: new Map() })
    } else if (verb === 'del' && pid) {
      entries.delete(Number(pid))
    }
  }
})
process.stdin.on('end', killAll)
process.stdin.on('error', killAll)
// A signal meant for the runner's process group never reaches us (we lead our own); these only
// come from someone who wants us gone: do the job first.
process.on('SIGTERM', killAll)
process.on('SIGINT', killAll)
setInterval(record, SCAN_MS)
