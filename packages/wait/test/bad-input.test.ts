// A wrong argument is a bug in the test, not a timeout: it throws at the call, synchronously, with a
// message that names the argument and echoes the value.
import { EventEmitter } from 'node:events'
import { describe, expect, test } from 'vitest'
import { Event, realSleep, realSleepSync, waitFor, waitForEvent, withTimeout } from '../src/index.js'

/** A value of the wrong type, passed where TypeScript would refuse it. */
const wrong = <T>(value: unknown): T => value as T

const never = new Promise<never>(() => {})
const fn = (): boolean => true
const emitter = new EventEmitter()

type Row = [call: string, run: () => unknown, error: typeof TypeError | typeof RangeError, names: string[]]

const rows: Row[] = [
  // durations
  ['realSleep(-1)', () => realSleep(-1), RangeError, ['realSleep(ms)', '-1']],
  ['realSleep(NaN)', () => realSleep(Number.NaN), TypeError, ['realSleep(ms)', 'NaN']],
  [
    'realSleep(Infinity)',
    () => realSleep(Number.POSITIVE_INFINITY),
    RangeError,
    ['realSleep(ms)', 'Infinity'],
  ],
  ['realSleep(2 ** 31)', () => realSleep(2 ** 31), RangeError, ['realSleep(ms)', '2147483648']],
  ["realSleep('10')", () => realSleep(wrong('10')), TypeError, ['realSleep(ms)', '"10"']],
  ['realSleepSync(-5)', () => realSleepSync(-5), RangeError, ['realSleepSync(ms)', '-5']],
  ['realSleepSync(NaN)', () => realSleepSync(Number.NaN), TypeError, ['realSleepSync(ms)', 'NaN']],
  ['Event.wait(-1)', () => new Event().wait(-1), RangeError, ['Event.wait timeout', '-1']],
  ['Event.wait(NaN)', () => new Event().wait(Number.NaN), TypeError, ['Event.wait timeout', 'NaN']],
  ['Event.wait(-Infinity)', () => new Event().wait(Number.NEGATIVE_INFINITY), RangeError, ['-Infinity']],
  [
    'Event.wait({ timeout: Infinity })',
    () => new Event().wait({ timeout: Infinity }),
    RangeError,
    ['Infinity'],
  ],
  ["Event.wait({ timeout: '5' })", () => new Event().wait({ timeout: wrong('5') }), TypeError, ['"5"']],
  ['waitFor(fn, -1)', () => waitFor(fn, -1), RangeError, ['waitFor options.timeout', '-1']],
  [
    'waitFor(fn, { timeout: NaN })',
    () => waitFor(fn, { timeout: Number.NaN }),
    TypeError,
    ['timeout', 'NaN'],
  ],
  ['waitFor(fn, { timeout: Infinity })', () => waitFor(fn, { timeout: Infinity }), RangeError, ['Infinity']],
  ["waitFor(fn, { timeout: '100' })", () => waitFor(fn, { timeout: wrong('100') }), TypeError, ['"100"']],
  ['waitFor(fn, { interval: 0 })', () => waitFor(fn, { interval: 0 }), RangeError, ['options.interval', '0']],
  [
    'waitFor(fn, { interval: -5 })',
    () => waitFor(fn, { interval: -5 }),
    RangeError,
    ['options.interval', '-5'],
  ],
  [
    'waitFor(fn, { interval: NaN })',
    () => waitFor(fn, { interval: Number.NaN }),
    TypeError,
    ['interval', 'NaN'],
  ],
  [
    'waitForEvent(emitter, "x", -1)',
    () => waitForEvent(emitter, 'x', -1),
    RangeError,
    ['waitForEvent options.timeout', '-1'],
  ],
  [
    'waitForEvent(emitter, "x", { timeout: NaN })',
    () => waitForEvent(emitter, 'x', { timeout: Number.NaN }),
    TypeError,
    ['waitForEvent options.timeout', 'NaN'],
  ],
  ['withTimeout(p, -1)', () => withTimeout(never, -1), RangeError, ['withTimeout(ms)', '-1']],
  ['withTimeout(p, NaN)', () => withTimeout(never, Number.NaN), TypeError, ['withTimeout(ms)', 'NaN']],
  [
    'withTimeout(p, Infinity)',
    () => withTimeout(never, Infinity),
    RangeError,
    ['withTimeout(ms)', 'Infinity'],
  ],
  [
    'withTimeout(p) without ms',
    () => withTimeout(never, wrong(undefined)),
    TypeError,
    ['withTimeout(ms)', 'undefined'],
  ],

  // functions, emitters, promises, event names
  ["waitFor('ready')", () => waitFor(wrong('ready')), TypeError, ['waitFor(predicate)', '"ready"']],
  ['waitFor(true)', () => waitFor(wrong(true)), TypeError, ['waitFor(predicate)', 'true']],
  ['waitForEvent({}, "x")', () => waitForEvent(wrong({}), 'x'), TypeError, ['waitForEvent(emitter)', '{}']],
  [
    'waitForEvent(null, "x")',
    () => waitForEvent(wrong(null), 'x'),
    TypeError,
    ['waitForEvent(emitter)', 'null'],
  ],
  [
    'waitForEvent(emitter, 42)',
    () => waitForEvent(emitter, wrong(42)),
    TypeError,
    ['waitForEvent(event)', '42'],
  ],
  [
    'waitForEvent(eventTarget, Symbol("x"))',
    () => waitForEvent(new EventTarget(), Symbol('x')),
    TypeError,
    ['waitForEvent(event)', 'Symbol(x)', 'EventTarget'],
  ],
  [
    "waitForEvent(emitter, 'x', { filter: 'ok' })",
    () => waitForEvent(emitter, 'x', { filter: wrong<() => boolean>('ok') }),
    TypeError,
    ['waitForEvent options.filter', '"ok"'],
  ],
  [
    'withTimeout(42, 10)',
    () => withTimeout(wrong<PromiseLike<unknown>>(42), 10),
    TypeError,
    ['withTimeout(promise)', '42'],
  ],
  [
    'withTimeout(undefined, 10)',
    () => withTimeout(wrong<PromiseLike<unknown>>(undefined), 10),
    TypeError,
    ['withTimeout(promise)'],
  ],

  // options objects and signals
  ['realSleep(10, null)', () => realSleep(10, wrong(null)), TypeError, ['realSleep options', 'null']],
  ["Event.wait('soon')", () => new Event().wait(wrong('soon')), TypeError, ['Event.wait options', '"soon"']],
  ['Event.wait(null)', () => new Event().wait(wrong(null)), TypeError, ['Event.wait options', 'null']],
  ["waitFor(fn, 'fast')", () => waitFor(fn, wrong('fast')), TypeError, ['waitFor options', '"fast"']],
  [
    'waitForEvent(emitter, "x", true)',
    () => waitForEvent(emitter, 'x', wrong<number>(true)),
    TypeError,
    ['options', 'true'],
  ],
  [
    'withTimeout(p, 10, 42)',
    () => withTimeout(never, 10, wrong(42)),
    TypeError,
    ['withTimeout options', '42'],
  ],
  [
    'realSleep(10, { signal: {} })',
    () => realSleep(10, { signal: wrong({}) }),
    TypeError,
    ['realSleep options.signal', '{}'],
  ],
  [
    "Event.wait({ signal: 'stop' })",
    () => new Event().wait({ signal: wrong('stop') }),
    TypeError,
    ['Event.wait options.signal', '"stop"'],
  ],
  [
    'waitFor(fn, { signal: { aborted: false } })',
    () => waitFor(fn, { signal: wrong({ aborted: false }) }),
    TypeError,
    ['waitFor options.signal', '{"aborted":false}'],
  ],
  [
    'waitForEvent(emitter, "x", { signal: new AbortController() })',
    () => waitForEvent(emitter, 'x', { signal: wrong(new AbortController()) }),
    TypeError,
    ['waitForEvent options.signal'],
  ],
  [
    'withTimeout(p, 10, { signal: null })',
    () => withTimeout(never, 10, { signal: wrong(null) }),
    TypeError,
    ['withTimeout options.signal', 'null'],
  ],
]

describe('bad input', () => {
  test.each(rows)('%s throws at the call, naming the argument and the value', (_call, run, error, names) => {
    let thrown: unknown
    try {
      run()
    } catch (caught) {
      thrown = caught
    }
    expect(thrown).toBeInstanceOf(error)
    const message = (thrown as Error).message
    for (const name of names) expect(message).toContain(name)
  })

  test('leaves no listener behind on the emitter it refused', () => {
    try {
      waitForEvent(emitter, 'x', { timeout: -1 })
    } catch {
      // expected: the check fails before any listener is added
    }
    expect(emitter.eventNames()).toEqual([])
  })
})
