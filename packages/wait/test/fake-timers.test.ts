// Unit-level: the waits keep real time under each kind of fake timers a test may install after the
// package was imported. (Real Vitest and Jest runs are covered by the end-to-end suites.)
import { EventEmitter } from 'node:events'
import * as FakeTimers from '@sinonjs/fake-timers'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { Event, realNow, realSleep, realSleepSync, waitFor, waitForEvent, withTimeout } from '../src/index.js'
import { stopwatch, timeoutErrorOf } from './_helpers.js'

interface FakeMode {
  name: string
  install(): void
  uninstall(): void
  /** Timers waiting on the fake clock. */
  fakeTimerCount(): number
  /** Runs the fake clock forward. */
  advance(ms: number): void
}

// Every timer Vitest accepts, but nextTick: Vitest refuses to fake it in the forks pool.
const everyVitestTimer = [
  'setTimeout',
  'clearTimeout',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'Date',
  'hrtime',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
] as const

let sinonClock: FakeTimers.Clock | undefined

const modes: FakeMode[] = [
  {
    name: 'vi.useFakeTimers()',
    install: () => vi.useFakeTimers(),
    uninstall: () => vi.useRealTimers(),
    fakeTimerCount: () => vi.getTimerCount(),
    advance: (ms) => vi.advanceTimersByTime(ms),
  },
  {
    name: 'vi.useFakeTimers({ toFake: every timer but nextTick })',
    install: () => vi.useFakeTimers({ toFake: [...everyVitestTimer] }),
    uninstall: () => vi.useRealTimers(),
    fakeTimerCount: () => vi.getTimerCount(),
    advance: (ms) => vi.advanceTimersByTime(ms),
  },
  {
    // Everything sinon knows but nextTick, which the forks pool needs to talk to the main process.
    name: "@sinonjs/fake-timers install({ toNotFake: ['nextTick'] })",
    install: () => {
      sinonClock = FakeTimers.install({ toNotFake: ['nextTick'] })
    },
    uninstall: () => {
      sinonClock?.uninstall()
      sinonClock = undefined
    },
    fakeTimerCount: () => sinonClock?.countTimers() ?? 0,
    advance: (ms) => sinonClock?.tick(ms),
  },
]

describe.each(modes)('under $name', (mode) => {
  beforeEach(() => mode.install())
  afterEach(() => mode.uninstall())

  test('the fakes are in place: Date and performance stand still', () => {
    const [date, perf] = [Date.now(), performance.now()]
    realSleepSync(5)
    expect([Date.now(), performance.now()]).toEqual([date, perf])
  })

  test('realSleep(30) still takes at least 30 real ms', async () => {
    const elapsed = stopwatch()
    await realSleep(30)
    expect(elapsed()).toBeGreaterThanOrEqual(30)
  })

  test('realSleepSync(20) still blocks for at least 20 real ms', () => {
    const elapsed = stopwatch()
    realSleepSync(20)
    expect(elapsed()).toBeGreaterThanOrEqual(20)
  })

  test('realNow advances in real time while the fake clocks stand still', async () => {
    const fake = [Date.now(), performance.now()]
    const start = realNow()
    await realSleep(30)
    expect({ advanced: realNow() - start >= 30, fake: [Date.now(), performance.now()] }).toEqual({
      advanced: true,
      fake,
    })
  })

  test('waitFor still polls until the predicate holds in real time', async () => {
    const elapsed = stopwatch()
    let calls = 0
    await waitFor(
      () => {
        calls++
        return elapsed() >= 40
      },
      { interval: 5, timeout: 5000 },
    )
    expect(calls).toBeGreaterThan(1)
  })

  test('waitFor still times out in real time', async () => {
    const elapsed = stopwatch()
    const error = await timeoutErrorOf(waitFor(() => false, { timeout: 40, interval: 5 }))
    expect({ waited: elapsed() >= 40, checks: (error.checks ?? 0) > 1 }).toEqual({
      waited: true,
      checks: true,
    })
  })

  test('Event.wait(timeout) still times out with false in real time', async () => {
    const elapsed = stopwatch()
    expect(await new Event().wait(30)).toBe(false)
    expect(elapsed()).toBeGreaterThanOrEqual(30)
  })

  test('Event.set() still wakes a waiter', async () => {
    const event = new Event()
    const waiting = event.wait(5000)
    void realSleep(10).then(() => event.set())
    expect(await waiting).toBe(true)
  })

  test('waitForEvent still times out in real time', async () => {
    const elapsed = stopwatch()
    await timeoutErrorOf(waitForEvent(new EventEmitter(), 'ready', 30))
    expect(elapsed()).toBeGreaterThanOrEqual(30)
  })

  test('withTimeout still times out in real time', async () => {
    const elapsed = stopwatch()
    await timeoutErrorOf(withTimeout(new Promise(() => {}), 30))
    expect(elapsed()).toBeGreaterThanOrEqual(30)
  })

  test('a wait puts nothing on the fake clock: running that clock neither ends it nor is needed', async () => {
    const elapsed = stopwatch()
    const waits = [realSleep(30), new Event().wait(30)]
    const counted = mode.fakeTimerCount()
    mode.advance(60_000)
    await Promise.all(waits)
    expect({ counted, waited: elapsed() >= 30 }).toEqual({ counted: 0, waited: true })
  })
})
