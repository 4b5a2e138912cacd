import { describe, expect, test } from 'vitest'
import { runNodeScript } from '../harness/index.js'

// Each call settles one way (resolved, timed out, rejected, aborted) while holding a 60 s timer:
// had any of them kept its timer or listener, the script could not exit on its own.
const exercise = (load: string): string => `${load}
const { EventEmitter } = require('node:events')
const LONG = 60_000
async function main() {
  const emitter = new EventEmitter()
  const ready = new Event()
  const abort = new AbortController()
  const outcomes = await Promise.allSettled([
    realSleep(5),
    waitFor(() => true, LONG),
    waitFor(() => false, { timeout: 20, interval: 5 }),
    waitFor(() => new Promise(() => {}), { timeout: 20 }),
    ready.wait(LONG),
    new Event().wait(10),
    waitForEvent(emitter, 'ready', LONG),
    waitForEvent(emitter, 'never', LONG),
    withTimeout(Promise.resolve(1), LONG),
    withTimeout(Promise.reject(new Error('no')), LONG),
    withTimeout(new Promise(() => {}), 15, 'never settles'),
    realSleep(LONG, { signal: abort.signal }),
    waitFor(() => false, { timeout: LONG, signal: abort.signal }),
    new Event().wait({ timeout: LONG, signal: abort.signal }),
    (async () => { ready.set(); emitter.emit('ready', 1); emitter.emit('error', new Error('boom')); abort.abort(new Error('stop')) })(),
  ])
  console.log(JSON.stringify({
    states: outcomes.map((o) => o.status),
    timers: process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length,
    listeners: emitter.eventNames().length,
  }))
}
main()
`

describe.concurrent.each([
  [
    'ESM',
    'main.mjs',
    `import { createRequire } from 'node:module'\nconst require = createRequire(import.meta.url)\nimport { Event, realSleep, waitFor, waitForEvent, withTimeout } from '@steadfast/wait'`,
  ],
  [
    'CommonJS',
    'main.cjs',
    `const { Event, realSleep, waitFor, waitForEvent, withTimeout } = require('@steadfast/wait')`,
  ],
])('@steadfast/wait from %s', (_format, entry, load) => {
  test('no timer or listener outlives a settled wait: the process exits on its own', async () => {
    const run = await runNodeScript({ entry, files: { [entry]: exercise(load) }, timeout: 20_000 })
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({
      states: [
        'fulfilled',
        'fulfilled',
        'rejected',
        'rejected',
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
        'rejected',
        'rejected',
        'rejected',
        'rejected',
        'rejected',
        'fulfilled',
      ],
      timers: 0,
      listeners: 0,
    })
  })
})
