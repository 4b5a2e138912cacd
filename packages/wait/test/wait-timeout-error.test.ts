import { EventEmitter } from 'node:events'
import { runInNewContext } from 'node:vm'
import { SteadfastError } from '@steadfast/core'
import { afterEach, describe, expect, test, vi } from 'vitest'
import {
  type WaitTimeoutDetails,
  WaitTimeoutError,
  waitFor,
  waitForEvent,
  withTimeout,
} from '../src/index.js'
import { rejectionOf, timeoutErrorOf } from './_helpers.js'

afterEach(() => {
  vi.resetModules()
})

describe('WaitTimeoutError', () => {
  test('is a SteadfastError named WaitTimeoutError with the code STEADFAST_WAIT_TIMEOUT', () => {
    const error = new WaitTimeoutError({ what: 'x', timeout: 1, elapsed: 1 })
    expect(error).toBeInstanceOf(SteadfastError)
    expect(error).toBeInstanceOf(Error)
    expect([error.name, error.code, WaitTimeoutError.code]).toEqual([
      'WaitTimeoutError',
      'STEADFAST_WAIT_TIMEOUT',
      'STEADFAST_WAIT_TIMEOUT',
    ])
  })

  test.each<[string, Partial<WaitTimeoutDetails>, string]>([
    ['the bare facts', {}, 'Timed out after 12 ms waiting for the queue to drain (timeout 10 ms)'],
    [
      'one check',
      { checks: 1 },
      'Timed out after 12 ms waiting for the queue to drain (timeout 10 ms, 1 check)',
    ],
    [
      'the last value',
      { checks: 3, lastValue: { size: 2 } },
      'Timed out after 12 ms waiting for the queue to drain (timeout 10 ms, 3 checks)\nLast value: {"size":2}',
    ],
    [
      'an undefined last value',
      { lastValue: undefined },
      'Timed out after 12 ms waiting for the queue to drain (timeout 10 ms)\nLast value: undefined',
    ],
    [
      'the last error, over a last value',
      { lastValue: false, lastError: new RangeError('queue closed') },
      'Timed out after 12 ms waiting for the queue to drain (timeout 10 ms)\nLast error: RangeError: queue closed',
    ],
    [
      'the events filtered out',
      { filteredOut: 1 },
      'Timed out after 12 ms waiting for the queue to drain (timeout 10 ms, 1 event filtered out)',
    ],
  ])('writes a message with %s', (_label, details, expected) => {
    const error = new WaitTimeoutError({ what: 'the queue to drain', timeout: 10, elapsed: 12.4, ...details })
    expect(error.message).toBe(expected)
  })

  test('shortens a long last value in the message but keeps it whole in lastValue', () => {
    const long = 'x'.repeat(200)
    const error = new WaitTimeoutError({ what: 'x', timeout: 1, elapsed: 1, lastValue: long })
    expect(error.message).toContain(`Last value: "${'x'.repeat(77)}..."`)
    expect(error.lastValue).toBe(long)
  })

  test('keeps the exact elapsed time in elapsed and the rounded one in the message', () => {
    const error = new WaitTimeoutError({ what: 'x', timeout: 10, elapsed: 10.6 })
    expect([error.elapsed, error.message.startsWith('Timed out after 11 ms')]).toEqual([10.6, true])
  })

  test('has the last error as its cause, and no cause without one', () => {
    const lastError = new Error('refused')
    const withError = new WaitTimeoutError({ what: 'x', timeout: 1, elapsed: 1, lastError })
    const without = new WaitTimeoutError({ what: 'x', timeout: 1, elapsed: 1, lastValue: 0 })
    expect([withError.cause, 'cause' in without]).toEqual([lastError, false])
  })
})

describe("WaitTimeoutError's stack", () => {
  /** `file:line` of the first frame of `stack`: where the error says it came from. */
  function origin(stack: string | undefined): string | undefined {
    const frame = stack?.split('\n').find((line) => line.trimStart().startsWith('at '))
    return frame
      ?.match(/\(?([^()\s]+):(\d+):\d+\)?$/)
      ?.slice(1, 3)
      .join(':')
  }

  // Each call sits on one line with a marker error, so both must point at the same line.
  test.each([
    ['waitFor', () => [waitFor(() => false, 20), new Error('marker')] as const],
    ['waitForEvent', () => [waitForEvent(new EventEmitter(), 'x', 20), new Error('marker')] as const],
    ['withTimeout', () => [withTimeout(new Promise(() => {}), 20), new Error('marker')] as const],
  ])("points at this file's line that called %s, not at the timer", async (_name, call) => {
    const [waiting, marker] = call()
    const error = await timeoutErrorOf(waiting)
    expect(origin(error.stack)).toBeDefined()
    expect(origin(error.stack)).toBe(origin(marker.stack))
    expect(origin(error.stack)).toContain('wait-timeout-error.test.ts')
    expect(error.stack).not.toMatch(/_pending|listOnTimeout|processTimers/)
  })

  test('starts with the name and the message', async () => {
    const error = await timeoutErrorOf(waitFor(() => 0, { timeout: 10, message: 'zero to be truthy' }))
    expect(error.stack?.startsWith(`WaitTimeoutError: ${error.message}\n    at `)).toBe(true)
  })
})

describe('WaitTimeoutError.is', () => {
  test('recognises an instance', () => {
    expect(WaitTimeoutError.is(new WaitTimeoutError({ what: 'x', timeout: 1, elapsed: 1 }))).toBe(true)
  })

  test('recognises the error of a second copy of the package, where instanceof fails', async () => {
    vi.resetModules()
    const copy = await import('../src/index.js')
    expect(copy.WaitTimeoutError).not.toBe(WaitTimeoutError)
    const error = await rejectionOf(copy.waitFor(() => false, 10))
    expect([error instanceof WaitTimeoutError, WaitTimeoutError.is(error)]).toEqual([false, true])
  })

  test('recognises an error made in another vm context, where instanceof Error fails', () => {
    const error: unknown = runInNewContext(`Object.assign(new Error('Timed out'), {
      name: 'WaitTimeoutError',
      code: 'STEADFAST_WAIT_TIMEOUT',
      [Symbol.for('steadfast.error')]: true,
    })`)
    expect([error instanceof Error, WaitTimeoutError.is(error)]).toEqual([false, true])
  })

  test.each([
    [
      'an Error with the same name and code but no brand',
      Object.assign(new Error('Timed out'), { name: 'WaitTimeoutError', code: 'STEADFAST_WAIT_TIMEOUT' }),
    ],
    ['another Steadfast error', new SteadfastError('STEADFAST_OTHER', 'x')],
    ['a branded object without the code', { [Symbol.for('steadfast.error')]: true }],
    ['a vm-context lookalike without the brand', runInNewContext("({ code: 'STEADFAST_WAIT_TIMEOUT' })")],
    ['the code as a string', 'STEADFAST_WAIT_TIMEOUT'],
    ['null', null],
  ])('rejects %s', (_label, value: unknown) => {
    expect(WaitTimeoutError.is(value)).toBe(false)
  })
})
