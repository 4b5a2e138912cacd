import { createHook } from 'node:async_hooks'

// The tests' own measures of real time, captured at import: before any test fakes a timer, and
// independent of the clock under test.
const hrtime = process.hrtime.bigint
const realSetImmediate = globalThis.setImmediate
const realSetTimeout = globalThis.setTimeout

/** Starts a stopwatch on the real clock; call the result to read the real ms since. */
export function stopwatch(): () => number {
  const start = hrtime()
  return () => Number(hrtime() - start) / 1e6
}

/** Busy-waits `ms` real ms without yielding, which also leaves the event loop's cached time stale. */
export function spin(ms: number): void {
  const end = hrtime() + BigInt(Math.round(ms * 1e6))
  while (hrtime() < end) {
    // burn the CPU: nothing else may run meanwhile
  }
}

/** Resolves after the current macrotask and its microtasks: handles being closed are gone by then. */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve))
}

/** Resolves after at least `ms` real ms, on Node's real timers whatever the test faked since. */
export async function realDelay(ms: number): Promise<void> {
  const elapsed = stopwatch()
  // A Node timer counts from the loop's cached time and can fire up to 1 ms early: wait out the rest.
  do {
    await new Promise((resolve) => realSetTimeout(resolve, Math.max(0, Math.ceil(ms - elapsed()))))
  } while (elapsed() < ms)
}

/** How many resources of `type` keep the event loop alive now, once closing handles are gone. */
export async function activeResources(type: 'Timeout' | 'MessagePort'): Promise<number> {
  // A closed handle leaves in the loop's close phase, which comes after setImmediate's check phase:
  // let a few whole turns of the loop pass.
  for (let turn = 0; turn < 3; turn++) await nextMacrotask()
  return process.getActiveResourcesInfo().filter((resource) => resource === type).length
}

/** Node timers that core's clock.ts started while a {@link watchClockTimers} watch was on. */
export interface ClockTimerWatch {
  /** The watched timers still alive (neither fired nor cleared), once pending destroy events are in. */
  alive(): Promise<NodeJS.Timeout[]>
  stop(): void
}

// A frame of core's clock, from the sources or from a build (what `@steadfast/core` resolves to).
const CLOCK_FRAME = /[\\/]core[\\/](?:src|dist[\\/]\w+)[\\/]clock\.[jt]s:/

/**
 * Watches the timers core's clock.ts starts, through async_hooks: unlike a count of every active
 * timer, it cannot be fooled by a timer of the test runner firing meanwhile.
 */
export function watchClockTimers(): ClockTimerWatch {
  const timers = new Map<number, NodeJS.Timeout>()
  const hook = createHook({
    init(asyncId, type, _triggerAsyncId, resource) {
      if (type !== 'Timeout') return
      const limit = Error.stackTraceLimit
      Error.stackTraceLimit = 50
      const stack = new Error('timer created').stack ?? ''
      Error.stackTraceLimit = limit
      if (CLOCK_FRAME.test(stack)) timers.set(asyncId, resource as NodeJS.Timeout)
    },
    destroy(asyncId) {
      timers.delete(asyncId)
    },
  }).enable()
  return {
    async alive() {
      // Node delivers destroy events from a native immediate: let the loop turn a few times.
      for (let turn = 0; turn < 3; turn++) await nextMacrotask()
      return [...timers.values()]
    },
    stop: () => hook.disable(),
  }
}
