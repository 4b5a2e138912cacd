import { type CancelTimer, setRealTimeout } from '@steadfast/core'
import { captureCallSite } from './_callSite.js'
import { DEFAULT_INTERVAL, DEFAULT_TIMEOUT } from './_defaults.js'
import { createPending } from './_pending.js'
import {
  assertDuration,
  assertFunction,
  assertInterval,
  assertOptionsObject,
  assertSignal,
} from './_validate.js'
import { WaitTimeoutError } from './errors.js'

/** Options of {@link waitFor}. */
export interface WaitForOptions {
  /**
   * Give up after this many real ms with a {@link WaitTimeoutError}.
   * @default 1000
   */
  timeout?: number
  /**
   * Real ms between the end of one check and the start of the next.
   * @default 50
   */
  interval?: number
  /**
   * What is awaited, in words, for the timeout message ("all clients connected").
   * @default the predicate's source, shortened
   */
  message?: string
  /**
   * Stops the wait early: the promise rejects with the signal's reason.
   * @default undefined
   */
  signal?: AbortSignal
}

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined | 0n>

/**
 * Calls `predicate` until it returns (or resolves to) a truthy value, and resolves with that value.
 * A throw or rejection means "not yet"; the last one is reported if time runs out. Checks run on the
 * real clock, so fake timers neither freeze nor rush them.
 *
 * @example
 * await waitFor(() => server.connections === 3, { timeout: 2000, message: 'all clients connected' })
 * const row = await waitFor(() => db.get('SELECT * FROM jobs WHERE done'), 5000)
 */
export function waitFor<T>(
  predicate: () => T | PromiseLike<T>,
  options: number | WaitForOptions = {},
): Promise<Truthy<Awaited<T>>> {
  const callSite = captureCallSite(waitFor)
  assertFunction('waitFor(predicate)', predicate)
  const opts = typeof options === 'number' ? { timeout: options } : options
  assertOptionsObject('waitFor options', opts)
  const timeout = opts.timeout ?? DEFAULT_TIMEOUT
  const interval = opts.interval ?? DEFAULT_INTERVAL
  assertDuration('waitFor options.timeout', timeout)
  assertInterval('waitFor options.interval', interval)
  assertSignal('waitFor options.signal', opts.signal)

  let checks = 0
  let seen: { value: unknown } | { error: unknown } | undefined
  const pending = createPending<Truthy<Awaited<T>>>({
    timeout,
    signal: opts.signal,
    onTimeout: (elapsed) => ({
      error: new WaitTimeoutError(
        {
          what: opts.message ?? describePredicate(predicate),
          timeout,
          elapsed,
          checks,
          ...(seen === undefined
            ? {}
            : 'error' in seen
              ? { lastError: seen.error }
              : { lastValue: seen.value }),
        },
        callSite,
      ),
    }),
  })

  const record = (value: unknown): void => {
    if (pending.settled) return
    if (value) {
      pending.resolve(value as Truthy<Awaited<T>>)
      return
    }
    seen = { value }
    scheduleNext()
  }
  const recordError = (error: unknown): void => {
    if (pending.settled) return
    seen = { error }
    scheduleNext()
  }
  const check = (): void => {
    if (pending.settled) return
    checks++
    let result: T | PromiseLike<T>
    try {
      result = predicate()
    } catch (error) {
      recordError(error)
      return
    }
    if (isThenable(result)) Promise.resolve(result).then(record, recordError)
    else record(result)
  }
  // One check in flight at a time: the next is scheduled only when the previous has answered.
  let cancelNext: CancelTimer | undefined
  pending.onSettle(() => cancelNext?.())
  const scheduleNext = (): void => {
    cancelNext = setRealTimeout(check, interval)
  }

  check()
  return pending.promise
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  )
}

function describePredicate(predicate: () => unknown): string {
  const source = String(predicate).replace(/\s+/g, ' ').trim()
  return source.length > 100 ? `${source.slice(0, 97)}...` : source
}
