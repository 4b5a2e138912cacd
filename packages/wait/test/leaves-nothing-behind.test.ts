// No timer or listener outlives a call, however it ended. Timers are the ones core's clock started,
// followed through async_hooks, and Node's own count of what keeps a process alive; listeners are
// counted on the emitter and on the signal.
import { EventEmitter, getEventListeners } from 'node:events'
import { afterEach, describe, expect, test } from 'vitest'
import { Event, realSleep, waitFor, waitForEvent, withTimeout } from '../src/index.js'
import { activeResources, type ClockTimerWatch, watchClockTimers } from './_helpers.js'

interface Case {
  name: string
  /** Starts the call; `finish`, when given, then makes it end the way the name says. */
  start(
    controller: AbortController,
    emitter: EventEmitter,
  ): { waiting: Promise<unknown>; finish?: () => void }
}

const never = (): Promise<never> => new Promise(() => {})

const cases: Case[] = [
  { name: 'realSleep that ran out', start: ({ signal }) => ({ waiting: realSleep(10, { signal }) }) },
  {
    name: 'realSleep that was aborted',
    start: (controller) => ({
      waiting: realSleep(60_000, { signal: controller.signal }),
      finish: () => controller.abort(),
    }),
  },
  {
    name: 'Event.wait woken by set()',
    start: ({ signal }) => {
      const event = new Event()
      return { waiting: event.wait({ timeout: 60_000, signal }), finish: () => event.set() }
    },
  },
  {
    name: 'Event.wait that timed out',
    start: ({ signal }) => ({ waiting: new Event().wait({ timeout: 10, signal }) }),
  },
  {
    name: 'Event.wait that was aborted',
    start: (controller) => ({
      waiting: new Event().wait({ timeout: 60_000, signal: controller.signal }),
      finish: () => controller.abort(),
    }),
  },
  {
    name: 'waitFor that resolved after a few checks',
    start: ({ signal }) => {
      let calls = 0
      return { waiting: waitFor(() => ++calls === 3, { interval: 5, timeout: 60_000, signal }) }
    },
  },
  {
    name: 'waitFor that timed out',
    start: ({ signal }) => ({ waiting: waitFor(() => false, { interval: 5, timeout: 20, signal }) }),
  },
  {
    name: 'waitFor whose predicate kept throwing until it timed out',
    start: ({ signal }) => ({
      waiting: waitFor(
        () => {
          throw new Error('not yet')
        },
        { interval: 5, timeout: 20, signal },
      ),
    }),
  },
  {
    name: 'waitFor aborted while the next check was scheduled',
    start: (controller) => ({
      waiting: waitFor(() => false, { interval: 60_000, timeout: 60_000, signal: controller.signal }),
      finish: () => controller.abort(),
    }),
  },
  {
    name: 'waitFor aborted while an async check was in flight',
    start: (controller) => ({
      waiting: waitFor(never, { timeout: 60_000, signal: controller.signal }),
      finish: () => controller.abort(),
    }),
  },
  {
    name: 'waitForEvent that got its event',
    start: ({ signal }, emitter) => ({
      waiting: waitForEvent(emitter, 'ready', { timeout: 60_000, signal }),
      finish: () => emitter.emit('ready'),
    }),
  },
  {
    name: 'waitForEvent that timed out',
    start: ({ signal }, emitter) => ({ waiting: waitForEvent(emitter, 'ready', { timeout: 10, signal }) }),
  },
  {
    name: "waitForEvent rejected by an 'error' event",
    start: ({ signal }, emitter) => ({
      waiting: waitForEvent(emitter, 'ready', { timeout: 60_000, signal }),
      finish: () => emitter.emit('error', new Error('boom')),
    }),
  },
  {
    name: 'waitForEvent that was aborted',
    start: (controller, emitter) => ({
      waiting: waitForEvent(emitter, 'ready', { timeout: 60_000, signal: controller.signal }),
      finish: () => controller.abort(),
    }),
  },
  {
    name: 'withTimeout whose promise resolved',
    start: ({ signal }) => ({ waiting: withTimeout(realSleep(5), 60_000, { signal }) }),
  },
  {
    name: 'withTimeout whose promise rejected',
    start: ({ signal }) => ({ waiting: withTimeout(Promise.reject(new Error('no')), 60_000, { signal }) }),
  },
  {
    name: 'withTimeout that timed out',
    start: ({ signal }) => ({ waiting: withTimeout(never(), 10, { signal }) }),
  },
  {
    name: 'withTimeout that was aborted',
    start: (controller) => ({
      waiting: withTimeout(never(), 60_000, { signal: controller.signal }),
      finish: () => controller.abort(),
    }),
  },
]

describe('after a call settles', () => {
  let watch: ClockTimerWatch | undefined
  afterEach(() => {
    watch?.stop()
    watch = undefined
  })

  test('a pending wait holds a timer that keeps the process alive: the checks below can see one', async () => {
    watch = watchClockTimers()
    const controller = new AbortController()
    const waiting = realSleep(60_000, { signal: controller.signal }).catch(() => {})
    const pending = (await watch.alive()).map((timer) => timer.hasRef())
    controller.abort()
    await waiting
    expect(pending).toEqual([true])
  })

  test.each(cases)('$name leaves no timer and no listener', async ({ start }) => {
    const before = await activeResources('Timeout')
    watch = watchClockTimers()
    const controller = new AbortController()
    const emitter = new EventEmitter()
    const { waiting, finish } = start(controller, emitter)
    finish?.()
    await waiting.catch(() => {})
    expect({
      timers: await watch.alive(),
      abortListeners: getEventListeners(controller.signal, 'abort').length,
      emitterListeners: emitter.eventNames(),
    }).toEqual({ timers: [], abortListeners: 0, emitterListeners: [] })
    // The same seen as Node counts what keeps a process alive. At most `before`: a timer of the test
    // runner may fire meanwhile, but none may be added.
    expect(await activeResources('Timeout')).toBeLessThanOrEqual(before)
  })
})
