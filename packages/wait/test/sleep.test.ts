import { realNow as coreRealNow } from '@steadfast/core'
import { describe, expect, test } from 'vitest'
import { realNow, realSleep, realSleepSync } from '../src/index.js'
import { isPending, realDelay, rejectionOf, spin, stopwatch } from './_helpers.js'

describe('realSleep', () => {
  test('resolves after at least the given real time', async () => {
    const elapsed = stopwatch()
    await realSleep(30)
    expect(elapsed()).toBeGreaterThanOrEqual(30)
  })

  test('never resolves early, even after synchronous work left the loop clock stale', async () => {
    const samples: number[] = []
    for (let i = 0; i < 10; i++) {
      spin(3)
      const elapsed = stopwatch()
      await realSleep(5)
      samples.push(elapsed())
    }
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(5)
  })

  test('resolves with undefined for 0 ms, on a later macrotask', async () => {
    const sleeping = realSleep(0)
    expect(await isPending(sleeping)).toBe(true)
    expect(await sleeping).toBeUndefined()
  })

  test("rejects with the signal's reason when it aborts mid-sleep", async () => {
    const controller = new AbortController()
    const elapsed = stopwatch()
    const sleeping = realSleep(60_000, { signal: controller.signal })
    await realDelay(5)
    controller.abort(new Error('cancelled'))
    expect(await rejectionOf(sleeping)).toEqual(new Error('cancelled'))
    expect(elapsed()).toBeLessThan(30_000)
  })

  test('rejects at once when the signal is already aborted', async () => {
    const reason = new Error('aborted before the call')
    expect(await rejectionOf(realSleep(60_000, { signal: AbortSignal.abort(reason) }))).toBe(reason)
  })
})

describe('realSleepSync', () => {
  test('blocks the thread for at least the given real time', () => {
    const elapsed = stopwatch()
    realSleepSync(20)
    expect(elapsed()).toBeGreaterThanOrEqual(20)
  })

  test('lets nothing else run meanwhile', async () => {
    const order: string[] = []
    const timer = realDelay(0).then(() => order.push('timer'))
    realSleepSync(10)
    order.push('slept')
    await timer
    expect(order).toEqual(['slept', 'timer'])
  })

  test('returns at once for 0 ms', () => {
    const elapsed = stopwatch()
    realSleepSync(0)
    expect(elapsed()).toBeLessThan(500)
  })
})

describe('realNow', () => {
  test("is core's real clock", () => {
    expect(realNow).toBe(coreRealNow)
  })

  test('advances by at least the real time slept', async () => {
    const start = realNow()
    await realSleep(25)
    expect(realNow() - start).toBeGreaterThanOrEqual(25)
  })
})
