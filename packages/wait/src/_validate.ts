// Argument checks shared by every wait: they run on each call, so they are plain code, not a schema.

import { MAX_TIMER_DELAY } from '@steadfast/core'

/** A duration in ms: finite, not negative, and within what a timer can hold. */
export function assertDuration(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new TypeError(`${name} must be a number of milliseconds, got ${describe(value)}`)
  }
  if (!Number.isFinite(value) || value < 0 || value > MAX_TIMER_DELAY) {
    throw new RangeError(
      `${name} must be a finite number of milliseconds from 0 to ${MAX_TIMER_DELAY}, got ${describe(value)}`,
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
  if (typeof value !== 'function') throw new TypeError(`${name} must be a function, got ${describe(value)}`)
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
    throw new TypeError(`${name} must be an AbortSignal, got ${describe(value)}`)
  }
}

export function assertOptionsObject(name: string, value: unknown): asserts value is object | undefined {
  if (value !== undefined && (typeof value !== 'object' || value === null)) {
    throw new TypeError(`${name} must be an options object or a timeout in ms, got ${describe(value)}`)
  }
}

/** A short, safe rendering of any value for messages. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'symbol') return value.toString()
  if (value instanceof Error || isErrorLike(value)) return `${value.name}: ${value.message}`
  if (typeof value === 'object' && value !== null) {
    try {
      const json = JSON.stringify(value)
      if (json !== undefined) return json.length > 120 ? `${json.slice(0, 117)}...` : json
    } catch {
      // circular or throwing toJSON: fall through to the tag
    }
    return Object.prototype.toString.call(value)
  }
  return String(value)
}

function isErrorLike(value: unknown): value is Error {
  // Errors from another vm context (Jest) fail `instanceof Error`.
  return Object.prototype.toString.call(value) === '[object Error]'
}
