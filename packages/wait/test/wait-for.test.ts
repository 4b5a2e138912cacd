import { describe, expect, test } from 'vitest'
import { realSleep, waitFor } from '../src/index.js'
import { rejectionOf, stopwatch, timeoutErrorOf } from './_helpers.js'

/** A predicate that answers `answers` in turn, then keeps giving the last one; counts its calls. */
function sequence<T>(...answers: T[]): (() => T) & { calls: number } {
  const predicate = Object.assign(
    (): T => {
      const answer = answers[Math.min(predicate.calls, answers.length - 1)] as T
      predicate.calls++
      return answer
    },
    { calls: 0 },
  )
  return predicate
}

describe('waitFor resolving', () => {
  test('resolves with the first truthy value a sync predicate returns', async () => {
    const predicate = sequence<string | undefined>(undefined, undefined, 'ready')
    expect(await waitFor(predicate, { interval: 1 })).toBe('ready')
    expect(predicate.calls).toBe(3)
  })

  test('resolves with the first truthy value an async predicate resolves to', async () => {
    let calls = 0
    const value = await waitFor(async () => (++calls === 3 ? { rows: 2 } : null), { interval: 1 })
    expect({ value, calls }).toEqual({ value: { rows: 2 }, calls: 3 })
  })

  test.each([
    ['false', false],
    ['0', 0],
    ["''", ''],
    ['null', null],
    ['undefined', undefined],
    ['0n', 0n],
    ['NaN', Number.NaN],
  ])('keeps waiting while the predicate returns %s', async (_label, falsy) => {
    const predicate = sequence<unknown>(falsy, 'done')
    expect(await waitFor(predicate, { interval: 1 })).toBe('done')
    expect(predicate.calls).toBe(2)
  })

  test('checks once right away, without waiting an interval first', async () => {
    const elapsed = stopwatch()
    expect(await waitFor(() => 42, { interval: 60_000 })).toBe(42)
    expect(elapsed()).toBeLessThan(30_000)
  })

  test('treats a throw as "not yet" and keeps checking', async () => {
    let calls = 0
    const value = await waitFor(
      () => {
        if (++calls < 3) throw new Error('not connected yet')
        return 'connected'
      },
      { interval: 1 },
    )
    expect({ value, calls }).toEqual({ value: 'connected', calls: 3 })
  })

  test('treats a rejection as "not yet" and keeps checking', async () => {
    let calls = 0
    const value = await waitFor(
      async () => {
        if (++calls < 3) throw new Error('not connected yet')
        return 'connected'
      },
      { interval: 1 },
    )
    expect({ value, calls }).toEqual({ value: 'connected', calls: 3 })
  })

  test('accepts a thenable that is not a Promise', async () => {
    const thenable: PromiseLike<string> = {
      // biome-ignore lint/suspicious/noThenProperty: a thenable that is not a Promise is the point here
      then: (onFulfilled, onRejected) => Promise.resolve('from a thenable').then(onFulfilled, onRejected),
    }
    expect(await waitFor(() => thenable)).toBe('from a thenable')
  })
})

describe('waitFor timing', () => {
  test('takes a number as the timeout', async () => {
    const elapsed = stopwatch()
    const error = await timeoutErrorOf(waitFor(() => false, 60))
    expect({ timeout: error.timeout, waited: elapsed() >= 60 }).toEqual({ timeout: 60, waited: true })
  })

  test('defaults to a 1000 ms timeout, checking every 50 ms', async () => {
    const error = await timeoutErrorOf(waitFor(() => false))
    expect(error.timeout).toBe(1000)
    expect(error.elapsed).toBeGreaterThanOrEqual(1000)
    // one check at the start, then at most one per 50 ms of real time
    expect(error.checks).toBeGreaterThanOrEqual(2)
    expect(error.checks).toBeLessThanOrEqual(1 + Math.floor(error.elapsed / 50))
  })

  test('waits the interval between the end of one check and the start of the next', async () => {
    const elapsed = stopwatch()
    const spans: Array<{ start: number; end: number }> = []
    await waitFor(
      async () => {
        const start = elapsed()
        await realSleep(10)
        spans.push({ start, end: elapsed() })
        return spans.length === 4
      },
      { interval: 25 },
    )
    const pauses = spans.slice(1).map((span, i) => span.start - (spans[i]?.end ?? 0))
    expect(pauses).toHaveLength(3)
    for (const pause of pauses) expect(pause).toBeGreaterThanOrEqual(25)
  })

  test('never runs two checks at once, even when an async check is slower than the interval', async () => {
    let running = 0
    let mostAtOnce = 0
    let calls = 0
    await waitFor(
      async () => {
        running++
        mostAtOnce = Math.max(mostAtOnce, running)
        await realSleep(30)
        running--
        return ++calls === 4
      },
      { interval: 1, timeout: 5000 },
    )
    expect({ mostAtOnce, calls }).toEqual({ mostAtOnce: 1, calls: 4 })
  })

  test("times out even when the predicate's promise never settles", async () => {
    const elapsed = stopwatch()
    const error = await timeoutErrorOf(waitFor(() => new Promise<never>(() => {}), { timeout: 50 }))
    expect({ checks: error.checks, waited: elapsed() >= 50 }).toEqual({ checks: 1, waited: true })
  })

  test('stops checking once it timed out', async () => {
    let calls = 0
    await timeoutErrorOf(waitFor(() => void calls++, { timeout: 30, interval: 5 }))
    const callsAtTimeout = calls
    await realSleep(40)
    expect(calls).toBe(callsAtTimeout)
  })
})

describe('waitFor timing out', () => {
  test('rejects with a WaitTimeoutError that names the message', async () => {
    const error = await timeoutErrorOf(
      waitFor(() => false, { timeout: 20, message: 'all clients connected' }),
    )
    expect(error.what).toBe('all clients connected')
    expect(error.message).toMatch(/^Timed out after \d+ ms waiting for all clients connected \(timeout 20 ms/)
  })

  test("names the predicate's source when no message is given", async () => {
    const server = { connections: 2 }
    const error = await timeoutErrorOf(waitFor(() => server.connections === 3, 20))
    expect(error.message).toContain('waiting for () => server.connections === 3')
  })

  test('reports the last value the predicate returned', async () => {
    const error = await timeoutErrorOf(waitFor(sequence<unknown>(null, 0, ''), { timeout: 40, interval: 1 }))
    expect(error.lastValue).toBe('')
    expect(error.message).toMatch(/\nLast value: ""$/)
  })

  test('reports the last error the predicate threw, as lastError and as the cause', async () => {
    let calls = 0
    const thrown: Error[] = []
    const error = await timeoutErrorOf(
      waitFor(
        () => {
          const failure = new Error(`attempt ${++calls} refused`)
          thrown.push(failure)
          throw failure
        },
        { timeout: 40, interval: 1 },
      ),
    )
    const last = thrown.at(-1)
    expect(thrown.length).toBeGreaterThan(1)
    expect(error.lastError).toBe(last)
    expect(error.cause).toBe(last)
    expect(error.message).toContain(`\nLast error: Error: attempt ${thrown.length} refused`)
  })

  test('reports the last rejection of an async predicate as the cause', async () => {
    const reason = new Error('ECONNREFUSED')
    const error = await timeoutErrorOf(waitFor(() => Promise.reject(reason), { timeout: 30, interval: 1 }))
    expect(error.cause).toBe(reason)
  })

  test('reports a falsy value that came after an error, not the error', async () => {
    let calls = 0
    const predicate = (): boolean => {
      if (++calls === 1) throw new Error('early')
      return false
    }
    const error = await timeoutErrorOf(waitFor(predicate, { timeout: 40, interval: 1 }))
    expect([error.lastValue, error.lastError, error.cause]).toEqual([false, undefined, undefined])
    expect(error.message).toMatch(/\nLast value: false$/)
  })

  test('counts the checks it made', async () => {
    let calls = 0
    const error = await timeoutErrorOf(waitFor(() => void calls++, { timeout: 40, interval: 5 }))
    expect(error.checks).toBe(calls)
    expect(error.message).toContain(`${calls} checks`)
  })
})

describe('waitFor with a signal', () => {
  test("rejects with the signal's reason and checks no more", async () => {
    const controller = new AbortController()
    let calls = 0
    const waiting = waitFor(() => void calls++, { interval: 5, timeout: 60_000, signal: controller.signal })
    await realSleep(20)
    controller.abort(new Error('test done'))
    expect(await rejectionOf(waiting)).toEqual(new Error('test done'))
    const callsAtAbort = calls
    await realSleep(30)
    expect(calls).toBe(callsAtAbort)
  })

  test('rejects at once without calling the predicate when the signal is already aborted', async () => {
    let calls = 0
    const reason = new Error('aborted before the call')
    const waiting = waitFor(() => ++calls, { signal: AbortSignal.abort(reason) })
    expect([await rejectionOf(waiting), calls]).toEqual([reason, 0])
  })

  test('rejects on abort while an async check is still in flight', async () => {
    const controller = new AbortController()
    const waiting = waitFor(
      async () => {
        await realSleep(30)
        return 'too late'
      },
      { signal: controller.signal },
    )
    controller.abort('stop')
    expect(await rejectionOf(waiting)).toBe('stop')
  })
})
