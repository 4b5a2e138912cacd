import { describeValue } from '@steadfast/core'
import { captureCallSite } from './_callSite.js'
import { DEFAULT_TIMEOUT } from './_defaults.js'
import { createPending } from './_pending.js'
import { assertDuration, assertFunction, assertOptionsObject, assertSignal } from './_validate.js'
import { WaitTimeoutError } from './errors.js'

// Method syntax (not property syntax) on purpose: TypeScript then checks listener parameters
// bivariantly, so every real emitter (EventEmitter, ChildProcess, Server, process, AbortSignal,
// MessagePort) fits without `any`, whatever its own listener signatures are.

/** A Node `EventEmitter` or anything with its `on`/`off` pair. */
export interface EmitterLike {
  on(event: string | symbol, listener: (...args: unknown[]) => void): unknown
  off(event: string | symbol, listener: (...args: unknown[]) => void): unknown
}

/** A DOM `EventTarget` (also Node's `EventTarget`, `AbortSignal`, `MessagePort`, `WebSocket`…). */
export interface EventTargetLike {
  addEventListener(type: string, listener: (event: unknown) => void): void
  removeEventListener(type: string, listener: (event: unknown) => void): void
}

/** Options of {@link waitForEvent}. */
export interface WaitForEventOptions<T = unknown> {
  /**
   * Give up after this many real ms with a {@link WaitTimeoutError}.
   * @default 1000
   */
  timeout?: number
  /**
   * Only an event for which this returns true ends the wait. Receives the event's arguments.
   * A throw rejects the wait with that error.
   * @default undefined (the first event ends the wait)
   */
  filter?: (value: T, ...rest: unknown[]) => boolean
  /**
   * What is awaited, in words, for the timeout message.
   * @default `event "<name>"`
   */
  message?: string
  /**
   * Stops the wait early: the promise rejects with the signal's reason.
   * @default undefined
   */
  signal?: AbortSignal
}

/**
 * Resolves with the first argument of the next `event` that `emitter` emits (and that `filter`
 * accepts). On a Node `EventEmitter`, an `'error'` event rejects the wait with that error.
 * Listeners are removed however the wait ends.
 *
 * @example
 * const worker = new Worker(file)
 * await waitForEvent(worker, 'online', 2000)
 * const msg = await waitForEvent(ws, 'message', { filter: (m) => m.type === 'ready' })
 */
export function waitForEvent<T = unknown>(
  emitter: EmitterLike | EventTargetLike,
  event: string | symbol,
  options: number | WaitForEventOptions<T> = {},
): Promise<T> {
  const callSite = captureCallSite(waitForEvent)
  const kind = emitterKind(emitter)
  if (kind === undefined) {
    throw new TypeError(
      `waitForEvent(emitter) must be an EventEmitter (on/off) or an EventTarget (addEventListener/removeEventListener), got ${describeValue(emitter)}`,
    )
  }
  if (typeof event !== 'string' && typeof event !== 'symbol') {
    throw new TypeError(
      `waitForEvent(event) must be an event name (string or symbol), got ${describeValue(event)}`,
    )
  }
  if (kind === 'target' && typeof event !== 'string') {
    throw new TypeError(
      `waitForEvent(event) must be a string for an EventTarget, got ${describeValue(event)}`,
    )
  }
  const opts = typeof options === 'number' ? { timeout: options } : options
  assertOptionsObject('waitForEvent options', opts)
  const timeout = opts.timeout ?? DEFAULT_TIMEOUT
  assertDuration('waitForEvent options.timeout', timeout)
  if (opts.filter !== undefined) assertFunction('waitForEvent options.filter', opts.filter)
  assertSignal('waitForEvent options.signal', opts.signal)

  const name = typeof event === 'string' ? `event "${event}"` : `event ${event.toString()}`
  let rejected = 0
  const pending = createPending<T>({
    timeout,
    signal: opts.signal,
    onTimeout: (elapsed) => ({
      error: new WaitTimeoutError(
        {
          what: opts.message ?? name,
          timeout,
          elapsed,
          ...(rejected > 0 ? { filteredOut: rejected } : {}),
        },
        callSite,
      ),
    }),
  })

  const onEvent = (...args: unknown[]): void => {
    const [value] = args as [T, ...unknown[]]
    if (opts.filter) {
      let accepted: boolean
      try {
        accepted = opts.filter(value, ...args.slice(1))
      } catch (error) {
        pending.reject(error)
        return
      }
      if (!accepted) {
        rejected++
        return
      }
    }
    pending.resolve(value)
  }

  if (kind === 'emitter') {
    const target = emitter as EmitterLike
    target.on(event, onEvent)
    pending.onSettle(() => target.off(event, onEvent))
    if (event !== 'error') {
      const onError = (error: unknown): void => pending.reject(error)
      target.on('error', onError)
      pending.onSettle(() => target.off('error', onError))
    }
  } else {
    const target = emitter as EventTargetLike
    target.addEventListener(event as string, onEvent)
    pending.onSettle(() => target.removeEventListener(event as string, onEvent))
  }
  return pending.promise
}

function emitterKind(value: unknown): 'emitter' | 'target' | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined
  const candidate = value as Partial<
    Record<'on' | 'off' | 'addEventListener' | 'removeEventListener', unknown>
  >
  // Prefer on/off: a Node EventEmitter that also implements addEventListener keeps its 'error' semantics.
  if (typeof candidate.on === 'function' && typeof candidate.off === 'function') return 'emitter'
  if (
    typeof candidate.addEventListener === 'function' &&
    typeof candidate.removeEventListener === 'function'
  ) {
    return 'target'
  }
  return undefined
}
