import * as FakeTimers from '@sinonjs/fake-timers'
import { afterEach, describe, expect, test } from 'vitest'
import { isFake } from '../src/_fake.js'
import { blockFor, realNow, setRealTimeout } from '../src/clock.js'
import { activeResources, nextMacrotask, realDelay, spin, stopwatch, watchClockTimers } from './_real.js'

describe('realNow', () => {
  test('never goes backwards', () => {
    let previous = realNow()
    let backwards = 0
    for (let i = 0; i < 100_000; i++) {
      const now = realNow()
      if (now < previous) backwards++
      previous = now
    }
    expect(backwards).toBe(0)
  })

  test('advances with real time', () => {
    const start = realNow()
    spin(20)
    expect(realNow() - start).toBeGreaterThanOrEqual(20)
  })

  test('reads milliseconds with sub-millisecond resolution', () => {
    // The smallest step seen over many reads: a preempted read cannot spoil them all.
    let smallest = Number.POSITIVE_INFINITY
    for (let i = 0; i < 1000; i++) {
      const start = realNow()
      let now = start
      while (now === start) now = realNow()
      smallest = Math.min(smallest, now - start)
    }
    expect(smallest).toBeLessThan(1)
  })
})

describe('setRealTimeout', () => {
  test('calls back once the delay has passed in real time', async () => {
    const elapsed = stopwatch()
    const firedAfter = await new Promise<number>((resolve) => setRealTimeout(() => resolve(elapsed()), 30))
    expect(firedAfter).toBeGreaterThanOrEqual(30)
  })

  test('never calls back early, even when the event loop read its clock long before the call', async () => {
    // Node's timers start counting from the loop's cached time: after 3 ms of synchronous work a
    // plain setTimeout(…, 5) can fire after 2 ms of real time.
    const samples: number[] = []
    for (let i = 0; i < 20; i++) {
      spin(3)
      const elapsed = stopwatch()
      samples.push(await new Promise<number>((resolve) => setRealTimeout(() => resolve(elapsed()), 5)))
    }
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(5)
  })

  test('calls back on a later macrotask for a zero delay', async () => {
    const order: string[] = []
    setRealTimeout(() => order.push('timer'), 0)
    order.push('sync')
    await Promise.resolve()
    order.push('microtask')
    await realDelay(10)
    expect(order).toEqual(['sync', 'microtask', 'timer'])
  })

  test('does not call back once cancelled', async () => {
    let calls = 0
    const cancel = setRealTimeout(() => calls++, 10)
    cancel()
    await realDelay(40)
    expect(calls).toBe(0)
  })

  test('can be cancelled twice, and after it fired, without effect', async () => {
    let calls = 0
    const cancel = setRealTimeout(() => calls++, 0)
    await realDelay(10)
    cancel()
    cancel()
    expect(calls).toBe(1)
  })

  test("holds a ref'd timer while pending, so the process stays alive, and none once cancelled", async () => {
    const watch = watchClockTimers()
    try {
      const cancel = setRealTimeout(() => {}, 60_000)
      const pending = (await watch.alive()).map((timer) => timer.hasRef())
      cancel()
      expect({ pending, cancelled: await watch.alive() }).toEqual({ pending: [true], cancelled: [] })
    } finally {
      watch.stop()
    }
  })

  test('holds no timer once it fired', async () => {
    const watch = watchClockTimers()
    try {
      await new Promise<void>((resolve) => setRealTimeout(resolve, 5))
      expect(await watch.alive()).toEqual([])
    } finally {
      watch.stop()
    }
  })

  test("holds an unref'd timer with ref: false, and still calls back", async () => {
    const watch = watchClockTimers()
    try {
      let calls = 0
      setRealTimeout(() => calls++, 20, { ref: false })
      const pending = (await watch.alive()).map((timer) => timer.hasRef())
      await realDelay(60)
      expect({ pending, calls }).toEqual({ pending: [false], calls: 1 })
    } finally {
      watch.stop()
    }
  })

  test('adds no timer to what keeps the process alive once cancelled', async () => {
    const before = await activeResources('Timeout')
    setRealTimeout(() => {}, 60_000)()
    // At most `before`: a timer of the test runner may fire meanwhile, none may be added.
    expect(await activeResources('Timeout')).toBeLessThanOrEqual(before)
  })

  test('holds a delay longer than Node timers can (2^31 - 1 ms) without firing early or warning', async () => {
    const warnings: string[] = []
    const onWarning = (warning: Error): void => {
      warnings.push(warning.name)
    }
    process.on('warning', onWarning)
    let calls = 0
    const cancel = setRealTimeout(() => calls++, 2 ** 31 + 1000)
    try {
      await realDelay(50)
      await nextMacrotask()
      expect({ calls, warnings }).toEqual({ calls: 0, warnings: [] })
    } finally {
      cancel()
      process.off('warning', onWarning)
    }
  })
})

describe('blockFor', () => {
  test('blocks the thread for the given real time', () => {
    const elapsed = stopwatch()
    blockFor(25)
    expect(elapsed()).toBeGreaterThanOrEqual(25)
  })

  test('lets nothing else run meanwhile', async () => {
    const order: string[] = []
    const timer = realDelay(0).then(() => order.push('timer'))
    blockFor(15)
    order.push('blocked')
    await timer
    expect(order).toEqual(['blocked', 'timer'])
  })

  test.each([0, -5])('returns at once for %d ms', (ms) => {
    const elapsed = stopwatch()
    blockFor(ms)
    expect(elapsed()).toBeLessThan(500)
  })
})

describe('isFake', () => {
  let clock: FakeTimers.Clock | undefined
  afterEach(() => {
    clock?.uninstall()
    clock = undefined
  })

  test.each([
    ['a fake-timers function tagged with .clock', Object.assign(() => {}, { clock: {} }), true],
    ['a Jest legacy mock (_isMockFunction)', Object.assign(() => {}, { _isMockFunction: true }), true],
    ['a missing function (undefined)', undefined, true],
    ['a value that is not a function', 42, true],
    ["Node's own setTimeout", globalThis.setTimeout, false],
    ['a plain function', () => {}, false],
  ])('says %s is %s', (_label, value, expected) => {
    expect(isFake(value)).toBe(expected)
  })

  test('recognises the setTimeout that @sinonjs/fake-timers installs', () => {
    const real = globalThis.setTimeout
    clock = FakeTimers.install({ toFake: ['setTimeout'] })
    expect([isFake(globalThis.setTimeout), isFake(real)]).toEqual([true, false])
  })
})
