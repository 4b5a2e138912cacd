import { describeValue } from '@steadfast/core'
import { captureCallSite } from './_callSite.js'
import { createPending } from './_pending.js'
import { assertDuration, assertOptionsObject, assertSignal } from './_validate.js'
import { WaitTimeoutError } from './errors.js'

/** Options of {@link withTimeout}. */
export interface WithTimeoutOptions {
  /**
   * What is awaited, in words, for the timeout message ("database answered").
   * @default 'the promise to settle'
   */
  message?: string
  /**
   * Stops the wait early: the promise rejects with the signal's reason.
   * @default undefined
   */
  signal?: AbortSignal
}

/**
 * Settles as `promise` does, or rejects with a {@link WaitTimeoutError} when `ms` real milliseconds
 * pass first. The timer is cleared as soon as the promise settles.
 *
 * @example
 * const rows = await withTimeout(db.query('SELECT 1'), 1000, 'database answered')
 */
export function withTimeout<T>(
  promise: PromiseLike<T>,
  ms: number,
  options: string | WithTimeoutOptions = {},
): Promise<T> {
  const callSite = captureCallSite(withTimeout)
  if (!promise || typeof (promise as { then?: unknown }).then !== 'function') {
    throw new TypeError(`withTimeout(promise) must be a promise or thenable, got ${describeValue(promise)}`)
  }
  assertDuration('withTimeout(ms)', ms)
  const opts = typeof options === 'string' ? { message: options } : options
  assertOptionsObject('withTimeout options', opts)
  assertSignal('withTimeout options.signal', opts.signal)

  const pending = createPending<T>({
    timeout: ms,
    signal: opts.signal,
    onTimeout: (elapsed) => ({
      error: new WaitTimeoutError(
        { what: opts.message ?? 'the promise to settle', timeout: ms, elapsed },
        callSite,
      ),
    }),
  })
  Promise.resolve(promise).then(pending.resolve, pending.reject)
  return pending.promise
}
