import { blockFor } from '@steadfast/core'
import { createPending } from './_pending.js'
import { assertDuration, assertOptionsObject, assertSignal } from './_validate.js'

/** Options of {@link realSleep}. */
export interface SleepOptions {
  /**
   * Stops the sleep early: the promise rejects with the signal's reason.
   * @default undefined
   */
  signal?: AbortSignal
}

/**
 * Sleeps `ms` milliseconds of real time, fake timers or not.
 *
 * @example
 * vi.useFakeTimers()
 * await realSleep(50) // still 50 real ms: the server under test gets time to answer
 */
export function realSleep(ms: number, options: SleepOptions = {}): Promise<void> {
  assertDuration('realSleep(ms)', ms)
  assertOptionsObject('realSleep options', options)
  assertSignal('realSleep options.signal', options.signal)
  return createPending<void>({
    timeout: ms,
    signal: options.signal,
    onTimeout: () => ({ value: undefined }),
  }).promise
}

/**
 * Blocks the thread for `ms` milliseconds of real time (`Atomics.wait`), for synchronous code paths.
 * Nothing else runs meanwhile: prefer {@link realSleep} wherever you can await.
 */
export function realSleepSync(ms: number): void {
  assertDuration('realSleepSync(ms)', ms)
  blockFor(ms)
}
