// Argument checks shared by every wait: they run on each call, so they are plain code, not a schema.

import { describeValue, MAX_TIMER_DELAY } from '@steadfast/core'

/** A duration in ms: finite, not negative, and within what a timer can hold. */
export function assertDuration(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new TypeError(`${name} must be a number of milliseconds, got ${describeValue(value)}`)
  }
  if (!Number.isFinite(value) || value < 0 || value > MAX_TIMER_DELAY) {
    throw new RangeError(
      `${name} must be a finite number of milliseconds from 0 to ${MAX_TIMER_DELAY}, got ${describeValue(value)}`,
    )
  }
}

/** An interval between checks: finite and greater than 0 (0 would spin). */
export function assertInterval(name: string, value: unknown): asserts value is number {
  assertDuration(name, value)
  if (value === 0)
    throw new RangeError(`${name} must be greater than 0 ms, got 0: a zero interval would spin`)
}

export function assertFunction(name: string, value: unknown): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function')
    throw new TypeError(`${name} must be a function, got ${describeValue(value)}`)
}

export function assertSignal(name: string, value: unknown): asserts value is AbortSignal | undefined {
  if (value === undefined) return
  const signal = value as { aborted?: unknown; addEventListener?: unknown }
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof signal.aborted !== 'boolean' ||
    typeof signal.addEventListener !== 'function'
  ) {
    throw new TypeError(`${name} must be an AbortSignal, got ${describeValue(value)}`)
  }
}

export function assertOptionsObject(name: string, value: unknown): asserts value is object | undefined {
  if (value !== undefined && (typeof value !== 'object' || value === null)) {
    throw new TypeError(`${name} must be an options object or a timeout in ms, got ${describeValue(value)}`)
  }
}
