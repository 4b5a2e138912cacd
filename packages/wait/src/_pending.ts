import { type CancelTimer, realNow, setRealTimeout } from '@steadfast/core'

/**
 * One pending wait: a promise settled once by success, timeout or abort, whichever comes first,
 * after which its timer, its abort listener and every registered cleanup are gone. Every public wait
 * is built on it, so none can leave a timer or listener behind.
 */
export interface Pending<T> {
  readonly promise: Promise<T>
  readonly settled: boolean
  /** Real ms since the wait started. */
  elapsed(): number
  resolve(value: T): void
  reject(error: unknown): void
  /** Runs once when the wait settles, however it settles. */
  onSettle(cleanup: () => void): void
}

export interface PendingOptions<T> {
  /** No timeout when undefined. */
  timeout: number | undefined
  signal: AbortSignal | undefined
  /** What the wait becomes when the timeout passes: a value to resolve with, or an error. */
  onTimeout: (elapsed: number) => { value: T } | { error: unknown }
}

export function createPending<T>(options: PendingOptions<T>): Pending<T> {
  const started = realNow()
  const cleanups: Array<() => void> = []
  let settled = false
  let resolvePromise!: (value: T) => void
  let rejectPromise!: (error: unknown) => void
  const promise = new Promise<T>((resolve, reject) => {
    resolvePromise = resolve
    rejectPromise = reject
  })

  const settle = (apply: () => void): void => {
    if (settled) return
    settled = true
    for (const cleanup of cleanups.splice(0)) cleanup()
    apply()
  }

  const pending: Pending<T> = {
    promise,
    get settled() {
      return settled
    },
    elapsed: () => realNow() - started,
    resolve: (value) => settle(() => resolvePromise(value)),
    reject: (error) => settle(() => rejectPromise(error)),
    onSettle: (cleanup) => {
      if (settled) cleanup()
      else cleanups.push(cleanup)
    },
  }

  const { signal, timeout } = options
  if (signal?.aborted) {
    pending.reject(signal.reason)
    return pending
  }
  if (signal) {
    const onAbort = (): void => pending.reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    pending.onSettle(() => signal.removeEventListener('abort', onAbort))
  }
  if (timeout !== undefined) {
    const cancel: CancelTimer = setRealTimeout(() => {
      const outcome = options.onTimeout(pending.elapsed())
      if ('error' in outcome) pending.reject(outcome.error)
      else pending.resolve(outcome.value)
    }, timeout)
    pending.onSettle(cancel)
  }
  return pending
}
