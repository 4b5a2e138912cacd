// The run-wide lock: gates in parallel workers (processes or threads) take turns, so no gate is
// measured while another one burns the other core. A file created with O_EXCL in the run
// directory, because workers share nothing else; a holder that died is detected by its pid.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { threadId } from 'node:worker_threads'
import { realNow, setRealTimeout, uniqueSuffix } from '@steadfast/core'
import { PerfInputError } from './errors.js'

/** A lock older than this is taken over: no single gate measures for 10 minutes. */
const STALE_MS = 10 * 60_000
const POLL_MS = 15

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function tryTake(file: string, token: string): boolean {
  try {
    const fd = openSync(file, 'wx')
    writeSync(fd, JSON.stringify({ pid: process.pid, threadId, token }))
    closeSync(fd)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    return false
  }
}

function stale(file: string): boolean {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as { pid?: number }
    if (typeof holder.pid === 'number' && !alive(holder.pid)) return true
    return Date.now() - statSync(file).mtimeMs > STALE_MS
  } catch {
    // Half-written by a holder that is creating it right now, or just removed: not stale.
    return false
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setRealTimeout(resolve, ms))

/**
 * Runs `work` while holding the perf lock of the run directory `dir`, waiting (on real timers) for
 * a gate of another worker to finish first.
 *
 * @throws PerfInputError (STEADFAST_PERF_LOCK) when the lock stays taken for `timeout` ms.
 */
export async function withRunLock<T>(dir: string, work: () => Promise<T>, timeout = STALE_MS): Promise<T> {
  mkdirSync(dir, { recursive: true })
  const file = join(dir, 'perf.lock')
  const token = uniqueSuffix()
  const start = realNow()
  while (!tryTake(file, token)) {
    if (stale(file)) rmSync(file, { force: true })
    else if (realNow() - start > timeout) {
      throw new PerfInputError(
        'STEADFAST_PERF_LOCK',
        `waited ${Math.round(timeout / 1000)} s for the perf lock ${file}, held by another worker. ` +
          'If no run is going on, delete the file.',
      )
    }
    await sleep(POLL_MS + Math.random() * POLL_MS)
  }
  try {
    return await work()
  } finally {
    release(file, token)
  }
}

function release(file: string, token: string): void {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as { token?: string }
    if (holder.token === token) rmSync(file, { force: true })
  } catch {
    // Already gone (taken over as stale): nothing to release.
  }
}
