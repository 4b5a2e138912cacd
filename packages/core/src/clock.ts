import { performance as perfHooksPerformance } from 'node:perf_hooks'
import * as nodeTimers from 'node:timers'
import { MessageChannel } from 'node:worker_threads'
import { isFake } from './_fake.js'

// Captured at import, before a test can install fake timers. When fakes were installed first,
// the captured functions carry the fake's tag and `pick` skips them.
const importedHrtime = process.hrtime
const importedHrtimeBigint = process.hrtime.bigint
// sinon ≥ 15 shadows `now` with an own property on node:perf_hooks' object; the prototype's stays real.
const prototypePerformanceNow = (Object.getPrototypeOf(perfHooksPerformance) as typeof perfHooksPerformance)
  .now
const importedGlobalSetTimeout = globalThis.setTimeout
const importedGlobalClearTimeout = globalThis.clearTimeout
const importedTimersSetTimeout = nodeTimers.setTimeout
const importedTimersClearTimeout = nodeTimers.clearTimeout
const importedSetImmediate = nodeTimers.setImmediate

// The builtin as it is at call time: sinon only patches it when it owns the real global, and Jest's
// vm contexts never patch it, so it is the last real timer we can reach.
function currentTimersModule(): typeof import('node:timers') {
  return process.getBuiltinModule?.('node:timers') ?? nodeTimers
}

/** The real, monotonic clock in milliseconds. Fake timers cannot change what it reads. */
export function realNow(): number {
  if (!isFake(importedHrtime)) return Number(importedHrtimeBigint()) / 1e6
  return prototypePerformanceNow.call(perfHooksPerformance)
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

/** The longest delay Node's timers hold (2^31 - 1 ms, about 24.8 days); past it they fire at once. */
export const MAX_TIMER_DELAY = 2_147_483_647

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
  if (!pair) return atomicsTimeout(callback, ms, ref)
  // Node's timer clock counts whole milliseconds, so a timer can fire up to 1 ms early: re-arm for
  // what is left, so a real wait is never shorter than asked.
  const deadline = realNow() + ms
  let handle: unknown
  const arm = (delay: number): void => {
    // Past MAX_TIMER_DELAY Node fires after 1 ms with a TimeoutOverflowWarning: wait in slices.
    const armed = pair.set(fire, Math.min(delay, MAX_TIMER_DELAY)) as { unref?: () => void }
    if (!ref) armed.unref?.()
    handle = armed
  }
  const fire = (): void => {
    const remaining = deadline - realNow()
    if (remaining > 0) arm(Math.ceil(remaining))
    else callback()
  }
  arm(ms)
  return () => pair.clear(handle)
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
  const deadline = realNow() + ms
  const waitUntilDeadline = (): void => {
    const remaining = deadline - realNow()
    if (remaining <= 0) {
      finish()
      callback()
      return
    }
    const result = Atomics.waitAsync(cell, 0, 0, remaining)
    // Node 20's V8 can time out the first waitAsync of a process early: check the real clock and
    // wait again for what is left, rather than trusting the outcome.
    if (result.async) {
      void result.value.then(() => {
        if (!done) waitUntilDeadline()
      })
    } else {
      Promise.resolve().then(() => {
        if (!done) waitUntilDeadline()
      })
    }
  }
  waitUntilDeadline()
  return () => {
    if (done) return
    finish()
    Atomics.notify(cell, 0)
  }
}

/** Blocks the thread for `ms` milliseconds of real time (`Atomics.wait`: fakes cannot touch it). */
export function blockFor(ms: number): void {
  const cell = new Int32Array(new SharedArrayBuffer(4))
  const deadline = realNow() + ms
  // Loop on the real clock: a wait that returns early is not trusted (see atomicsTimeout).
  for (let remaining = ms; remaining > 0; remaining = deadline - realNow()) {
    Atomics.wait(cell, 0, 0, remaining)
  }
}

/**
 * Resolves after the current macrotask, once every pending nextTick and microtask has run: the
 * turn after which Node has emitted `rejectionHandled` for promises handled in the meantime.
 * Uses a real `setImmediate` (a 0 ms real timeout when every one was faked).
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    if (!isFake(importedSetImmediate)) importedSetImmediate(resolve)
    else setRealTimeout(resolve, 0)
  })
}
