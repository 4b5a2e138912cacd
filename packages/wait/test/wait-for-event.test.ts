import { EventEmitter, getEventListeners } from 'node:events'
import { describe, expect, test } from 'vitest'
import { realSleep, waitForEvent } from '../src/index.js'
import { isPending, rejectionOf, stopwatch, timeoutErrorOf } from './_helpers.js'

// The DOM Event, named apart from the package's own Event export.
const DomEvent = globalThis.Event

describe('waitForEvent on an EventEmitter', () => {
  test('resolves with the first argument of the next event', async () => {
    const emitter = new EventEmitter()
    const waiting = waitForEvent(emitter, 'ready')
    emitter.emit('ready', { port: 8080 }, 'ignored')
    expect(await waiting).toEqual({ port: 8080 })
  })

  test('resolves with undefined for an event without arguments', async () => {
    const emitter = new EventEmitter()
    const waiting = waitForEvent(emitter, 'ready')
    emitter.emit('ready')
    expect(await waiting).toBeUndefined()
  })

  test('waits for the event to come', async () => {
    const emitter = new EventEmitter()
    const waiting = waitForEvent(emitter, 'ready')
    await realSleep(10)
    expect(await isPending(waiting)).toBe(true)
    emitter.emit('ready', 1)
    expect(await waiting).toBe(1)
  })

  test('accepts a symbol as the event name', async () => {
    const emitter = new EventEmitter()
    const ready = Symbol('ready')
    const waiting = waitForEvent(emitter, ready)
    emitter.emit(ready, 'via a symbol')
    expect(await waiting).toBe('via a symbol')
  })

  test("rejects with the error of the emitter's 'error' event", async () => {
    const emitter = new EventEmitter()
    const failure = new Error('EADDRINUSE')
    const waiting = waitForEvent(emitter, 'listening')
    emitter.emit('error', failure)
    expect(await rejectionOf(waiting)).toBe(failure)
  })

  test("resolves with the error when 'error' itself is the awaited event", async () => {
    const emitter = new EventEmitter()
    const failure = new Error('expected failure')
    const waiting = waitForEvent(emitter, 'error')
    emitter.emit('error', failure)
    expect(await waiting).toBe(failure)
  })
})

describe('waitForEvent on an EventTarget', () => {
  test('resolves with the dispatched event', async () => {
    const target = new EventTarget()
    const event = new DomEvent('x')
    const waiting = waitForEvent(target, 'x')
    target.dispatchEvent(event)
    expect(await waiting).toBe(event)
  })

  test('ignores events of other types', async () => {
    const target = new EventTarget()
    const waiting = waitForEvent<InstanceType<typeof DomEvent>>(target, 'x')
    target.dispatchEvent(new DomEvent('y'))
    expect(await isPending(waiting)).toBe(true)
    target.dispatchEvent(new DomEvent('x'))
    expect((await waiting).type).toBe('x')
  })

  test("resolves on an AbortSignal's 'abort' event", async () => {
    const controller = new AbortController()
    const waiting = waitForEvent(controller.signal, 'abort')
    controller.abort()
    expect(await waiting).toBeInstanceOf(DomEvent)
  })
})

describe('waitForEvent filter', () => {
  test('skips the events the filter turns down', async () => {
    const emitter = new EventEmitter()
    const waiting = waitForEvent<{ ok: boolean; n: number }>(emitter, 'status', { filter: (s) => s.ok })
    emitter.emit('status', { ok: false, n: 1 })
    emitter.emit('status', { ok: false, n: 2 })
    emitter.emit('status', { ok: true, n: 3 })
    expect(await waiting).toEqual({ ok: true, n: 3 })
  })

  test('receives every argument of the event', async () => {
    const emitter = new EventEmitter()
    const received: unknown[][] = []
    const waiting = waitForEvent(emitter, 'exit', {
      filter: (...args) => {
        received.push(args)
        return true
      },
    })
    emitter.emit('exit', 0, 'SIGTERM')
    await waiting
    expect(received).toEqual([[0, 'SIGTERM']])
  })

  test('filters DOM events too', async () => {
    const target = new EventTarget()
    const waiting = waitForEvent<CustomEvent<number>>(target, 'tick', { filter: (e) => e.detail === 2 })
    for (const detail of [1, 2, 3]) target.dispatchEvent(new CustomEvent('tick', { detail }))
    expect((await waiting).detail).toBe(2)
  })

  test('rejects with the error a filter throws', async () => {
    const emitter = new EventEmitter()
    const failure = new TypeError("Cannot read properties of undefined (reading 'ok')")
    const waiting = waitForEvent(emitter, 'status', {
      filter: () => {
        throw failure
      },
    })
    emitter.emit('status')
    expect(await rejectionOf(waiting)).toBe(failure)
  })
})

describe('waitForEvent timing out', () => {
  test('rejects with a WaitTimeoutError naming the event after the timeout in real time', async () => {
    const elapsed = stopwatch()
    const error = await timeoutErrorOf(waitForEvent(new EventEmitter(), 'ready', { timeout: 40 }))
    expect(elapsed()).toBeGreaterThanOrEqual(40)
    expect(error.message).toMatch(/^Timed out after \d+ ms waiting for event "ready" \(timeout 40 ms\)$/)
  })

  test('takes a number as the timeout', async () => {
    expect((await timeoutErrorOf(waitForEvent(new EventTarget(), 'x', 30))).timeout).toBe(30)
  })

  test('names a symbol event by its description', async () => {
    const error = await timeoutErrorOf(waitForEvent(new EventEmitter(), Symbol('drained'), 10))
    expect(error.what).toBe('event Symbol(drained)')
  })

  test('names what was awaited with message', async () => {
    const error = await timeoutErrorOf(
      waitForEvent(new EventEmitter(), 'listening', { timeout: 10, message: 'the server to listen' }),
    )
    expect(error.message).toContain('waiting for the server to listen')
  })

  test('says how many events the filter turned down', async () => {
    const emitter = new EventEmitter()
    const waiting = waitForEvent(emitter, 'status', { timeout: 30, filter: () => false })
    for (let i = 0; i < 3; i++) emitter.emit('status', i)
    const error = await timeoutErrorOf(waiting)
    expect(error.filteredOut).toBe(3)
    expect(error.message).toMatch(/\(timeout 30 ms, 3 events filtered out\)$/)
  })
})

describe('waitForEvent with a signal', () => {
  test("rejects with the signal's reason when it aborts", async () => {
    const controller = new AbortController()
    const waiting = waitForEvent(new EventEmitter(), 'ready', { signal: controller.signal })
    controller.abort(new Error('test finished'))
    expect(await rejectionOf(waiting)).toEqual(new Error('test finished'))
  })

  test('rejects at once when the signal is already aborted', async () => {
    const reason = new Error('aborted before the call')
    const waiting = waitForEvent(new EventTarget(), 'x', { signal: AbortSignal.abort(reason) })
    expect(await rejectionOf(waiting)).toBe(reason)
  })
})

describe('waitForEvent cleanup', () => {
  type Outcome = 'resolved' | 'resolved after a filtered-out event' | 'timed out' | 'aborted' | 'filter threw'

  /** Options that let `settle` drive a wait to `outcome`; the filter accepts only 'accepted'. */
  function optionsFor(outcome: Outcome | "'error' event", controller: AbortController) {
    return {
      timeout: outcome === 'timed out' ? 10 : 60_000,
      signal: controller.signal,
      accept: (value: unknown): boolean => {
        if (outcome === 'filter threw') throw new Error('filter failed')
        return value === 'accepted'
      },
    }
  }

  async function settle(
    outcome: Outcome | "'error' event",
    controller: AbortController,
    waiting: Promise<unknown>,
    emit: (value: unknown) => void,
  ): Promise<void> {
    if (outcome === 'aborted') controller.abort()
    if (outcome === 'resolved after a filtered-out event') emit('refused')
    if (
      outcome === 'resolved' ||
      outcome === 'resolved after a filtered-out event' ||
      outcome === 'filter threw'
    )
      emit('accepted')
    await waiting.catch(() => {})
  }

  const outcomes: Outcome[] = [
    'resolved',
    'resolved after a filtered-out event',
    'timed out',
    'aborted',
    'filter threw',
  ]

  test.each([...outcomes, "'error' event" as const])(
    'leaves no listener on an EventEmitter once %s',
    async (outcome) => {
      const emitter = new EventEmitter()
      const controller = new AbortController()
      const { timeout, signal, accept } = optionsFor(outcome, controller)
      const waiting = waitForEvent(emitter, 'x', { timeout, signal, filter: accept })
      if (outcome === "'error' event") emitter.emit('error', new Error('boom'))
      await settle(outcome, controller, waiting, (value) => emitter.emit('x', value))
      expect({
        x: emitter.listenerCount('x'),
        error: emitter.listenerCount('error'),
        abort: getEventListeners(signal, 'abort').length,
      }).toEqual({ x: 0, error: 0, abort: 0 })
    },
  )

  test.each(outcomes)('leaves no listener on an EventTarget once %s', async (outcome) => {
    const target = new EventTarget()
    const controller = new AbortController()
    const { timeout, signal, accept } = optionsFor(outcome, controller)
    const waiting = waitForEvent<CustomEvent>(target, 'x', {
      timeout,
      signal,
      filter: (e) => accept(e.detail),
    })
    await settle(outcome, controller, waiting, (detail) =>
      target.dispatchEvent(new CustomEvent('x', { detail })),
    )
    expect({
      x: getEventListeners(target, 'x').length,
      abort: getEventListeners(signal, 'abort').length,
    }).toEqual({
      x: 0,
      abort: 0,
    })
  })
})
