import { performance as perfHooksPerformance } from 'node:perf_hooks'
import * as nodeTimers from 'node:timers'
import { MessageChannel } from 'node:worker_threads'
import { isFake } from './_fake.js'

// Captured at import, before a test can install fake timers. When fakes were installed first,
// the captured functions carry the fake's tag and `pick` skips them.
const importedHrtime = process.hrtime
const importedHrtimeBigint = process.hrtime.bigint
const importedPerformanceNow = perfHooksPerformance.now.bind(perfHooksPerformance)
const importedGlobalSetTimeout = globalThis.setTimeout
const importedGlobalClearTimeout = globalThis.clearTimeout
const importedTimersSetTimeout = nodeTimers.setTimeout
const importedTimersClearTimeout = nodeTimers.clearTimeout

// The builtin as it is at call time: sinon only patches it when it owns the real global, and Jest's
// vm contexts never patch it, so it is the last real timer we can reach.
function currentTimersModule(): typeof import('node:timers') {
  return process.getBuiltinModule?.('node:timers') ?? nodeTimers
}

/** The real, monotonic clock in milliseconds. Fake timers cannot change what it reads. */
export function realNow(): number {
  if (!isFake(importedHrtime)) return Number(importedHrtimeBigint()) / 1e6
  // Fakes replace the global `performance`, never the method on node:perf_hooks' own object.
  return importedPerformanceNow()
}

/** Cancels a timer set with {@link setRealTimeout}. Safe to call more than once. */
export type CancelTimer = () => void

/** Options of {@link setRealTimeout}. */
export interface RealTimeoutOptions {
  /**
   * Keep the process alive while the timer is pending, as a plain `setTimeout` does.
   * @default true
   */
  ref?: boolean
}

interface TimerPair {
  set: (callback: () => void, ms: number) => unknown
  clear: (handle: unknown) => void
}

function realTimerPair(): TimerPair | undefined {
  if (!isFake(importedTimersSetTimeout) && !isFake(importedTimersClearTimeout)) {
    return { set: importedTimersSetTimeout, clear: importedTimersClearTimeout as (h: unknown) => void }
  }
  if (!isFake(importedGlobalSetTimeout) && !isFake(importedGlobalClearTimeout)) {
    return { set: importedGlobalSetTimeout, clear: importedGlobalClearTimeout as (h: unknown) => void }
  }
  const timers = currentTimersModule()
  if (!isFake(timers.setTimeout) && !isFake(timers.clearTimeout)) {
    return { set: timers.setTimeout, clear: timers.clearTimeout as (h: unknown) => void }
  }
  return undefined
}

/**
 * Calls `callback` after `ms` milliseconds of real time, whatever fake timers are installed.
 *
 * Uses Node's own timers when any real one is still reachable, else `Atomics.waitAsync`, which no
 * fake-timer library touches.
 */
export function setRealTimeout(
  callback: () => void,
  ms: number,
  options: RealTimeoutOptions = {},
): CancelTimer {
  const ref = options.ref ?? true
  const pair = realTimerPair()
  if (pair) {
    const handle = pair.set(callback, ms) as { unref?: () => void }
    if (!ref) handle.unref?.()
    return () => pair.clear(handle)
  }
  return atomicsTimeout(callback, ms, ref)
}

function atomicsTimeout(callback: () => void, ms: number, ref: boolean): CancelTimer {
  const cell = new Int32Array(new SharedArrayBuffer(4))
  // Atomics.waitAsync does not keep the event loop alive; an open MessagePort does.
  const keepAlive = ref ? new MessageChannel() : undefined
  keepAlive?.port1.ref()
  let done = false
  const finish = (): void => {
    done = true
    keepAlive?.port1.close()
  }
  const result = Atomics.waitAsync(cell, 0, 0, ms)
  if (result.async) {
    void result.value.then((outcome) => {
      if (done) return
      finish()
      if (outcome === 'timed-out') callback()
    })
  } else {
    queueMicrotask(() => {
      if (!done) {
        finish()
        callback()
      }
    })
  }
  return () => {
    if (done) return
    finish()
    Atomics.notify(cell, 0)
  }
}

/** Blocks the thread for `ms` milliseconds of real time (`Atomics.wait`: fakes cannot touch it). */
export function blockFor(ms: number): void {
  if (ms <= 0) return
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}
