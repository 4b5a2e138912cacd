import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { clearPortLocks, reservePort } from '../src/_ports.js'
import { readStat } from '../src/_proc.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const self = { pid: process.pid, start: readStat(process.pid)?.start ?? 0, runId: 'run-1' }

test('ports reserved at the same time are all different, and each lock names its holder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'steadfast-ports-'))
  dirs.push(dir)
  const leases = await Promise.all(Array.from({ length: 20 }, () => reservePort(dir, self)))
  expect(new Set(leases.map((l) => l.port)).size).toBe(20)
  for (const lease of leases) lease.release()
})

test("a port locked by a live worker is not handed out; a dead worker's lock is taken over or cleared", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'steadfast-ports-'))
  dirs.push(dir)
  const first = await reservePort(dir, self)
  const locks = join(dir, 'respawn', 'ports')
  writeFileSync(join(locks, '1.lock'), JSON.stringify({ pid: 999_999_999, start: 1, runId: 'old' }))
  clearPortLocks(dir)
  expect(readdirSync(locks)).toEqual([`${first.port}.lock`])
  clearPortLocks(dir, 'run-1')
  expect(readdirSync(locks)).toEqual([])
})
