import { expect } from 'vitest'
import { WaitTimeoutError } from '../src/index.js'

// Real clocks and handle counts, shared with core's tests: captured before any test fakes timers.
export type { ClockTimerWatch } from '../../core/test/_real.js'
export {
  activeResources,
  nextMacrotask,
  realDelay,
  spin,
  stopwatch,
  watchClockTimers,
} from '../../core/test/_real.js'

/** The reason `promise` rejects with; fails the test when it fulfils instead. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  let value: unknown
  try {
    value = await promise
  } catch (error) {
    return error
  }
  return expect.fail(`expected a rejection, got the value ${String(value)}`)
}

/** The WaitTimeoutError `promise` rejects with; fails the test on anything else. */
export async function timeoutErrorOf(promise: Promise<unknown>): Promise<WaitTimeoutError> {
  const error = await rejectionOf(promise)
  if (!(error instanceof WaitTimeoutError)) expect.fail(`expected a WaitTimeoutError, got ${String(error)}`)
  return error
}

/** Whether `promise` is still pending once the microtasks queued before this call have run. */
export function isPending(promise: Promise<unknown>): Promise<boolean> {
  const pending = Symbol('pending')
  return Promise.race([promise, Promise.resolve(pending)]).then(
    (winner) => winner === pending,
    () => false,
  )
}
