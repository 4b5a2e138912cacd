// Real processes: a tree with a setsid grandchild, killed as one; the registry's reaper and its
// guard against pid reuse.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { isRunning, type ProcessId, readStat, treeOf } from '../src/_proc.js'
import { reap, register } from '../src/_registry.js'
import { killTree } from '../src/_tree.js'

const started: ChildProcess[] = []
/** The grandchildren that left the group with setsid: killing the group does not reach them. */
const escapedPids: number[] = []
const dirs: string[] = []
afterEach(() => {
  for (const child of started.splice(0)) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL')
    } catch {
      // gone
    }
  }
  for (const pid of escapedPids.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // gone
    }
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A detached node that forks a grandchild in its group and a setsid one, and prints their pids. */
function startTree(): Promise<{
  leader: ProcessId
  inGroup: ProcessId
  escaped: ProcessId
  child: ChildProcess
}> {
  const script = `
const { spawn } = require('node:child_process')
const keep = ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)']
const a = spawn(process.execPath, keep, { stdio: 'ignore' })
const b = spawn(process.execPath, keep, { stdio: 'ignore', detached: true })
console.log(a.pid + ' ' + b.pid)
setInterval(() => {}, 1000)
`
  const child = spawn(process.execPath, ['-e', script], {
    detached: true,
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  started.push(child)
  return new Promise((resolve) => {
    child.stdout?.once('data', (chunk: Buffer) => {
      const [a, b] = chunk.toString().trim().split(' ').map(Number)
      escapedPids.push(b as number)
      const id = (pid: number): ProcessId => ({ pid, start: readStat(pid)?.start ?? -1 })
      resolve({ leader: id(child.pid as number), inGroup: id(a as number), escaped: id(b as number), child })
    })
  })
}

describe('process trees', () => {
  test('treeOf finds the grandchild in the group and the one that left it with setsid', async () => {
    const { leader, inGroup, escaped } = await startTree()
    const pids = treeOf([leader.pid]).map((p) => p.pid)
    expect(pids).toContain(inGroup.pid)
    expect(pids).toContain(escaped.pid)
    expect(readStat(escaped.pid)?.pgid).toBe(escaped.pid)
  })

  test('killTree kills all of it, with SIGKILL for those that ignore SIGTERM', async () => {
    const { leader, inGroup, escaped } = await startTree()
    await killTree({ leader, members: treeOf([leader.pid]) }, 'SIGTERM', 200)
    expect([leader, inGroup, escaped].filter(isRunning)).toEqual([])
  })
})

describe('the pid registry', () => {
  function deadOwner(): ProcessId {
    const done = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' })
    return { pid: Number(done.stdout.trim()), start: 1 }
  }

  function entry(id: ProcessId, owner: ProcessId, runId?: string) {
    return {
      kind: 'steadfast-respawn-pid' as const,
      version: 1 as const,
      ...id,
      name: 'tree',
      command: 'node -e …',
      file: 'a.test.js',
      owner,
      runId,
      members: [],
      stopTimeout: 200,
    }
  }

  test('reaps the tree of a dead worker at the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steadfast-registry-'))
    dirs.push(dir)
    const { leader, inGroup, escaped } = await startTree()
    register(dir, entry(leader, deadOwner()))
    expect(await reap(dir)).toEqual([{ name: 'tree', pid: leader.pid, file: 'a.test.js' }])
    expect([leader, inGroup, escaped].filter(isRunning)).toEqual([])
  })

  test("leaves a live worker's process alone, unless its run is the one ending", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steadfast-registry-'))
    dirs.push(dir)
    const { leader } = await startTree()
    const self = { pid: process.pid, start: readStat(process.pid)?.start ?? 0 }
    register(dir, entry(leader, self, 'run-1'))
    expect(await reap(dir)).toEqual([])
    expect(await reap(dir, 'run-2')).toEqual([])
    expect(isRunning(leader)).toBe(true)
    expect(await reap(dir, 'run-1')).toHaveLength(1)
    expect(isRunning(leader)).toBe(false)
  })

  test('never signals a pid whose start time differs from the one recorded (a reused pid)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steadfast-registry-'))
    dirs.push(dir)
    const { leader } = await startTree()
    register(dir, entry({ pid: leader.pid, start: leader.start + 1 }, deadOwner()))
    expect(await reap(dir)).toEqual([])
    expect(isRunning(leader)).toBe(true)
  })
})
