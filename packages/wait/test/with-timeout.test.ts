import { describe, expect, test } from 'vitest'
import { realSleep, withTimeout } from '../src/index.js'
import { rejectionOf, stopwatch, timeoutErrorOf } from './_helpers.js'

/** A promise that settles after `ms` real ms, with `value` or by rejecting with `error`. */
function later<T>(ms: number, outcome: { value: T } | { error: unknown }): Promise<T> {
  return realSleep(ms).then(() => {
    if ('error' in outcome) throw outcome.error
    return outcome.value
  })
}

describe('withTimeout settling as the promise does', () => {
  test("resolves with the promise's value", async () => {
    expect(await withTimeout(later(5, { value: 'rows' }), 5000)).toBe('rows')
  })

  test("rejects with the promise's own error", async () => {
    const failure = new Error('connection reset')
    expect(await rejectionOf(withTimeout(later(5, { error: failure }), 5000))).toBe(failure)
  })

  test('resolves with an already resolved value, even with a zero timeout', async () => {
    expect(await withTimeout(Promise.resolve('ready'), 0)).toBe('ready')
  })

  test('accepts a thenable that is not a Promise', async () => {
    const thenable: PromiseLike<number> = {
      // biome-ignore lint/suspicious/noThenProperty: a thenable that is not a Promise is the point here
      then: (onFulfilled, onRejected) => Promise.resolve(7).then(onFulfilled, onRejected),
    }
    expect(await withTimeout(thenable, 1000)).toBe(7)
  })
})

describe('withTimeout timing out', () => {
  test('rejects with a WaitTimeoutError once the time passes, in real time', async () => {
    const elapsed = stopwatch()
    const error = await timeoutErrorOf(withTimeout(new Promise(() => {}), 40))
    expect({ waited: elapsed() >= 40, elapsedField: error.elapsed >= 40, timeout: error.timeout }).toEqual({
      waited: true,
      elapsedField: true,
      timeout: 40,
    })
  })

  test.each([
    ['a string', 'database answered' as const],
    ['{ message }', { message: 'database answered' }],
  ])('names the message given as %s', async (_form, options) => {
    const error = await timeoutErrorOf(withTimeout(new Promise(() => {}), 10, options))
    expect(error.what).toBe('database answered')
    expect(error.message).toMatch(/^Timed out after \d+ ms waiting for database answered \(timeout 10 ms\)$/)
  })

  test('names "the promise to settle" without a message', async () => {
    const error = await timeoutErrorOf(withTimeout(new Promise(() => {}), 10))
    expect(error.what).toBe('the promise to settle')
  })

  test('handles a rejection of the promise that comes after the timeout', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason)
    }
    process.on('unhandledRejection', onUnhandled)
    try {
      await timeoutErrorOf(withTimeout(later(30, { error: new Error('too late') }), 5))
      await realSleep(60)
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })
})

describe('withTimeout with a signal', () => {
  test("rejects with the signal's reason when it aborts", async () => {
    const controller = new AbortController()
    const waiting = withTimeout(new Promise(() => {}), 60_000, { signal: controller.signal })
    controller.abort(new Error('test finished'))
    expect(await rejectionOf(waiting)).toEqual(new Error('test finished'))
  })

  test('rejects at once when the signal is already aborted, even for a settled promise', async () => {
    const reason = new Error('aborted before the call')
    expect(
      await rejectionOf(withTimeout(Promise.resolve(1), 1000, { signal: AbortSignal.abort(reason) })),
    ).toBe(reason)
  })
})
