import { createPending } from './_pending.js'
import { assertDuration, assertOptionsObject, assertSignal } from './_validate.js'

/** Options of {@link Event.wait}. */
export interface EventWaitOptions {
  /**
   * Give up after this many real ms and resolve `false`. Waits without a limit when left out.
   * @default undefined
   */
  timeout?: number
  /**
   * Stops the wait early: the promise rejects with the signal's reason.
   * @default undefined
   */
  signal?: AbortSignal
}

/**
 * A flag that tasks can wait on, with the semantics of Python's `threading.Event`: `set()` wakes
 * every waiter at once (no polling), `wait()` resolves `true` when the flag is or becomes set and
 * `false` when the timeout passes first.
 *
 * @example
 * const ready = new Event()
 * server.on('listening', () => ready.set())
 * expect(await ready.wait(2000)).toBe(true)
 */
export class Event {
  #flag = false
  readonly #waiters = new Set<(value: boolean) => void>()

  /** Sets the flag and wakes every current waiter with `true`. */
  set(): void {
    this.#flag = true
    // Copy first: a waiter woken here may call wait() again, which must wait for the next set().
    const woken = [...this.#waiters]
    this.#waiters.clear()
    for (const wake of woken) wake(true)
  }

  /** Clears the flag: later calls to `wait()` block until the next `set()`. */
  clear(): void {
    this.#flag = false
  }

  /** Whether the flag is set. */
  isSet(): boolean {
    return this.#flag
  }

  /**
   * Resolves `true` as soon as the flag is set (at once when it already is), or `false` when
   * `timeout` real ms pass first.
   */
  wait(options?: number | EventWaitOptions): Promise<boolean> {
    const { timeout, signal } =
      typeof options === 'number' ? { timeout: options, signal: undefined } : (options ?? {})
    if (typeof options !== 'number') assertOptionsObject('Event.wait options', options)
    if (timeout !== undefined) assertDuration('Event.wait timeout', timeout)
    assertSignal('Event.wait options.signal', signal)
    // An aborted signal wins over a set flag, as in every Node API that takes a signal.
    if (this.#flag && !signal?.aborted) return Promise.resolve(true)
    const pending = createPending<boolean>({ timeout, signal, onTimeout: () => ({ value: false }) })
    this.#waiters.add(pending.resolve)
    pending.onSettle(() => this.#waiters.delete(pending.resolve))
    return pending.promise
  }
}
