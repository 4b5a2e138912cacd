// Event has the semantics of Python's threading.Event. Imported under its own name: the package's
// Event shadows the DOM Event global in this file.
import { describe, expect, test } from 'vitest'
import { Event, realSleep } from '../src/index.js'
import { isPending, nextMacrotask, rejectionOf, stopwatch } from './_helpers.js'

describe('Event flag', () => {
  test('starts cleared', () => {
    expect(new Event().isSet()).toBe(false)
  })

  test('isSet() is true after set()', () => {
    const event = new Event()
    event.set()
    expect(event.isSet()).toBe(true)
  })

  test('isSet() is false again after clear()', () => {
    const event = new Event()
    event.set()
    event.clear()
    expect(event.isSet()).toBe(false)
  })

  test('set() on a set flag and clear() on a cleared flag change nothing', () => {
    const event = new Event()
    event.clear()
    const cleared = event.isSet()
    event.set()
    event.set()
    expect([cleared, event.isSet()]).toEqual([false, true])
  })
})

describe('Event.wait', () => {
  test('resolves true at once when the flag is already set', async () => {
    const event = new Event()
    event.set()
    expect(await isPending(event.wait())).toBe(false)
    expect(await event.wait()).toBe(true)
  })

  test('resolves true at once on a set flag even with a timeout', async () => {
    const event = new Event()
    event.set()
    expect(await event.wait(0)).toBe(true)
  })

  test('stays pending until set() is called', async () => {
    const event = new Event()
    const waiting = event.wait()
    await nextMacrotask()
    expect(await isPending(waiting)).toBe(true)
    event.set()
    expect(await waiting).toBe(true)
  })

  test('resolves true when set() comes before the timeout', async () => {
    const event = new Event()
    const waiting = event.wait(10_000)
    await realSleep(10)
    event.set()
    expect(await waiting).toBe(true)
  })

  test.each([
    ['a number', 40],
    ['{ timeout }', { timeout: 40 }],
  ])('resolves false once the timeout passes, given as %s, in real time', async (_form, options) => {
    const elapsed = stopwatch()
    expect(await new Event().wait(options)).toBe(false)
    expect(elapsed()).toBeGreaterThanOrEqual(40)
  })

  test('resolves false for wait(0) on a cleared flag', async () => {
    expect(await new Event().wait(0)).toBe(false)
  })

  test('clear() makes later waits block until the next set()', async () => {
    const event = new Event()
    event.set()
    event.clear()
    expect(await event.wait(20)).toBe(false)
  })

  test('a waiter that timed out is not woken again by a later set()', async () => {
    const event = new Event()
    const results: boolean[] = []
    await event.wait(5).then((result) => results.push(result))
    event.set()
    await nextMacrotask()
    expect(results).toEqual([false])
  })
})

describe('Event.set waking waiters', () => {
  test('wakes 1,000 concurrent waiters with true before a real 5 ms sleep ends: no polling', async () => {
    const event = new Event()
    const waiters = Array.from({ length: 1000 }, () => event.wait(60_000))
    const slept = realSleep(5).then(() => 'the 5 ms sleep ended first' as const)
    event.set()
    expect(await Promise.race([Promise.all(waiters), slept])).toEqual(Array(1000).fill(true))
  })

  test('wakes the current waiters with true even when clear() follows at once', async () => {
    const event = new Event()
    const waiters = [event.wait(), event.wait(60_000)]
    event.set()
    event.clear()
    expect([await Promise.all(waiters), event.isSet()]).toEqual([[true, true], false])
  })

  test('a woken waiter that waits again blocks until the next set()', async () => {
    const event = new Event()
    const seen: string[] = []
    const waiter = (async () => {
      seen.push(`first ${await event.wait()}`)
      seen.push(`second ${await event.wait()}`)
    })()
    event.set()
    event.clear()
    await nextMacrotask()
    const afterFirstSet = [...seen]
    event.set()
    await waiter
    expect({ afterFirstSet, seen }).toEqual({
      afterFirstSet: ['first true'],
      seen: ['first true', 'second true'],
    })
  })
})

describe('Event.wait with a signal', () => {
  test("rejects with the signal's reason when it aborts", async () => {
    const event = new Event()
    const controller = new AbortController()
    const reason = new Error('test is shutting down')
    const waiting = event.wait({ signal: controller.signal })
    controller.abort(reason)
    expect(await rejectionOf(waiting)).toBe(reason)
  })

  test("rejects with the signal's reason when it aborts before the timeout", async () => {
    const controller = new AbortController()
    const waiting = new Event().wait({ timeout: 60_000, signal: controller.signal })
    controller.abort('stop')
    expect(await rejectionOf(waiting)).toBe('stop')
  })

  test('rejects at once when the signal is already aborted, even on a set flag', async () => {
    const event = new Event()
    event.set()
    const reason = new Error('aborted before the call')
    expect(await rejectionOf(event.wait({ signal: AbortSignal.abort(reason) }))).toBe(reason)
  })

  test('an aborted waiter leaves the other waiters waiting for set()', async () => {
    const event = new Event()
    const controller = new AbortController()
    const aborted = event.wait({ signal: controller.signal })
    const other = event.wait()
    controller.abort()
    await rejectionOf(aborted)
    expect(await isPending(other)).toBe(true)
    event.set()
    expect(await other).toBe(true)
  })
})
