// @steadfast/wait: how soon an Event wakes its waiters compared with the sleep-polling loops it
// replaces, and how accurately realSleep and realSleepSync keep to real time, fake timers or not.
// Runs against the built package (`pnpm build` first). Writes docs/bench/wait.json and wait.md.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import FakeTimers from '@sinonjs/fake-timers'
import {
  formatMs,
  hr,
  importBuilt,
  machine,
  machineRows,
  macrotask,
  msBetween,
  pause,
  quick,
  reps,
  summarize,
  table,
  writeResults,
} from './_lib.mjs'

const { Event, realSleep, realSleepSync, waitFor } = await importBuilt('@steadfast/wait')
const { version } = createRequire(import.meta.url)('@steadfast/wait/package.json')

const POLL_MS = 10
const SLEEP_MS = 10
const SYNC_SLEEP_MS = 5
const WAITERS = 100
const startedAt = hr()

// The pattern users write today, with the timers of the moment (real here: nothing is faked yet).
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

// ---------------------------------------------------------------------------------------------
// Wake-up latency: from the call that signals to the moment a waiter's continuation runs.

/** Each strategy makes one fresh signal: `wait()` resolves with the hr() time its waiter ran. */
const strategies = {
  event: {
    label: '`Event`: `await ready.wait()`, then `ready.set()`',
    make() {
      const ready = new Event()
      return {
        wait: async () => {
          await ready.wait()
          return hr()
        },
        set: () => ready.set(),
      }
    },
  },
  polling: {
    label: `polling loop: \`while (!flag) await sleep(${POLL_MS})\``,
    make() {
      let flag = false
      return {
        wait: async () => {
          while (!flag) await sleep(POLL_MS)
          return hr()
        },
        set: () => {
          flag = true
        },
      }
    },
  },
  waitFor: {
    label: `\`waitFor(() => flag, { interval: ${POLL_MS} })\``,
    make() {
      let flag = false
      return {
        wait: async () => {
          await waitFor(() => flag, { interval: POLL_MS, timeout: 60_000 })
          return hr()
        },
        set: () => {
          flag = true
        },
      }
    },
  },
}

/**
 * Signals `waiters` parked waiters `n` times and returns the set()-to-last-waiter latencies in ms.
 * The signal comes from a macrotask, as an 'listening' event or a server callback would. A polled
 * signal is set after a random pause, so it lands anywhere in the polling period; polled waiters
 * start at random moments too, as independent tasks do.
 */
async function wakeLatency(strategy, { n, waiters = 1 }) {
  const polled = strategy !== strategies.event
  const stagger = polled && waiters > 1 ? POLL_MS : 0
  const samples = []
  for (let i = 0; i < n; i++) {
    const signal = strategy.make()
    const woken = Array.from({ length: waiters }, async () => {
      if (stagger) await pause(Math.random() * stagger)
      return signal.wait()
    })
    if (polled) await pause(stagger + Math.random() * POLL_MS)
    else await macrotask()
    const setAt = await new Promise((resolve) =>
      setImmediate(() => {
        const at = hr()
        signal.set()
        resolve(at)
      }),
    )
    const times = await Promise.all(woken)
    samples.push(Math.max(...times.map((at) => msBetween(setAt, at))))
  }
  return samples
}

async function measureWake(id, { n, waiters }) {
  const strategy = strategies[id]
  await wakeLatency(strategy, { n: Math.min(20, n), waiters }) // warm-up, not recorded
  return { id, label: strategy.label, waiters, ...summarize(await wakeLatency(strategy, { n, waiters })) }
}

// ---------------------------------------------------------------------------------------------
// Sleep accuracy: elapsed real time minus the requested time ("overshoot"; negative = woke early).

/** Runs the sleeps in turn, n times each, so that drift in the machine's load hits them alike. */
async function overshoots(n, ms, ...sleepers) {
  const samples = sleepers.map(() => [])
  for (let i = 0; i < n; i++) {
    for (const [k, sleepOnce] of sleepers.entries()) {
      const start = hr()
      await sleepOnce(ms)
      samples[k].push(msBetween(start, hr()) - ms)
    }
  }
  return samples
}

function accuracy(id, label, requested, samples, extra = {}) {
  const early = samples.filter((x) => x < 0).length
  return { id, label, requested, ...summarize(samples), early, ...extra }
}

async function sleepAccuracy() {
  const n = reps(500)
  const rows = []
  await overshoots(20, SLEEP_MS, sleep, realSleep) // warm-up
  const [plain, real] = await overshoots(n, SLEEP_MS, sleep, realSleep)
  rows.push(
    accuracy('setTimeout', `\`setTimeout\` ${SLEEP_MS} ms (real timers)`, SLEEP_MS, plain),
    accuracy('realSleep', `\`realSleep(${SLEEP_MS})\` (real timers)`, SLEEP_MS, real),
  )

  // Vitest's vi.useFakeTimers() and Jest's modern fakes are this library underneath.
  const clock = FakeTimers.install()
  try {
    const fakeDateBefore = Date.now()
    let fakeFired = false
    setTimeout(() => {
      fakeFired = true
    }, SLEEP_MS)
    const [samples] = await overshoots(n, SLEEP_MS, realSleep)
    const fakeTimeoutFiredUntilTicked = fakeFired
    const fakeDateAdvanced = Date.now() - fakeDateBefore
    clock.tick(SLEEP_MS)
    rows.push(
      accuracy(
        'realSleep-fakes',
        `\`realSleep(${SLEEP_MS})\` under \`FakeTimers.install()\``,
        SLEEP_MS,
        samples,
        { fakeTimeoutFiredUntilTicked, fakeTimeoutFiredOnTick: fakeFired, fakeDateAdvanced },
      ),
    )
  } finally {
    clock.uninstall()
  }

  rows.push(fakesFirst(reps(200)))
  return rows
}

/** realSleep when the fakes were in place before the package loaded: its Atomics.waitAsync path. */
function fakesFirst(n) {
  const child = spawnSync(
    process.execPath,
    [fileURLToPath(new URL('./_wait-fakes-first.mjs', import.meta.url)), String(n)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 60_000 },
  )
  if (child.status !== 0) throw new Error(`_wait-fakes-first.mjs failed (exit ${child.status})`)
  const result = JSON.parse(child.stdout)
  const realNowAdvanced = result.realNowDeltas.reduce((a, b) => a + b, 0)
  const trulyElapsed = result.samples.reduce((a, b) => a + b, 0)
  return accuracy(
    'realSleep-fakes-first',
    `\`realSleep(${SLEEP_MS})\`, fakes installed before the import (\`Atomics.waitAsync\` path)`,
    SLEEP_MS,
    result.samples.map((x) => x - SLEEP_MS),
    {
      fakesInstalledBeforeImport: result.fakes,
      firstSleep: round(result.samples[0]),
      uptimeAtFirstSleep: round(result.uptimeAtFirstSleep),
      realNowAdvanced: round(realNowAdvanced),
      trulyElapsed: round(trulyElapsed),
      waitForTimeout: {
        actual: round(result.waitForTimeout.actual),
        reportedElapsed: result.waitForTimeout.reportedElapsed,
        message: result.waitForTimeout.message,
      },
    },
  )
}

function syncAccuracy() {
  const n = reps(500)
  const run = (count) => {
    const samples = []
    for (let i = 0; i < count; i++) {
      const start = hr()
      realSleepSync(SYNC_SLEEP_MS)
      samples.push(msBetween(start, hr()) - SYNC_SLEEP_MS)
    }
    return samples
  }
  run(20)
  return [accuracy('realSleepSync', `\`realSleepSync(${SYNC_SLEEP_MS})\``, SYNC_SLEEP_MS, run(n))]
}

const round = (x) => Math.round(x * 1000) / 1000

// ---------------------------------------------------------------------------------------------

console.log(`@steadfast/wait ${version} benchmarks${quick ? ' (quick: nothing is written)' : ''}\n`)

const wake = [
  await measureWake('event', { n: reps(2000), waiters: 1 }),
  await measureWake('polling', { n: reps(500), waiters: 1 }),
  await measureWake('waitFor', { n: reps(500), waiters: 1 }),
]
const wakeMany = [
  await measureWake('event', { n: reps(1000), waiters: WAITERS }),
  await measureWake('polling', { n: reps(200), waiters: WAITERS }),
]
const sleeps = await sleepAccuracy()
const syncSleeps = syncAccuracy()

const wakeTable = (rows) =>
  table(
    ['How the waiter learns of the signal', 'runs', 'median', 'p90', 'p99', 'max'],
    rows.map((r) => [r.label, r.n, formatMs(r.median), formatMs(r.p90), formatMs(r.p99), formatMs(r.max)]),
  )
const accuracyTable = (rows) =>
  table(
    ['Sleep', 'runs', 'median', 'p90', 'p99', 'max', 'min', 'ended early'],
    rows.map((r) => [
      r.label,
      r.n,
      ...[r.median, r.p90, r.p99, r.max, r.min].map((x) => formatMs(x, { signed: true })),
      r.early,
    ]),
  )

const byId = (rows, id) => rows.find((r) => r.id === id)
const interpretation = interpret()
const info = machine()
const date = new Date().toISOString()
const seconds = round(msBetween(startedAt, hr()) / 1000)

const sections = [
  [`Wake-up latency: one waiter (time from the signal to the waiter's next line)`, wakeTable(wake)],
  [`Wake-up latency: ${WAITERS} concurrent waiters (time until the last one runs)`, wakeTable(wakeMany)],
  [`\`realSleep(${SLEEP_MS})\` accuracy (real elapsed minus ${SLEEP_MS} ms)`, accuracyTable(sleeps)],
  [
    `\`realSleepSync(${SYNC_SLEEP_MS})\` accuracy (real elapsed minus ${SYNC_SLEEP_MS} ms)`,
    accuracyTable(syncSleeps),
  ],
]

for (const [title, text] of sections) console.log(`${title}\n\n${text}\n`)
console.log(`${interpretation.join('\n\n')}\n`)
console.log(`${info.cpu}, ${info.cores} cores, Node ${info.node}, ${seconds} s`)

if (!quick) {
  const json = {
    benchmark: 'wait',
    package: '@steadfast/wait',
    version,
    date,
    machine: info,
    durationSeconds: seconds,
    unit: 'ms',
    settings: { pollIntervalMs: POLL_MS, sleepMs: SLEEP_MS, syncSleepMs: SYNC_SLEEP_MS, waiters: WAITERS },
    results: { wake, wakeMany, sleep: sleeps, sleepSync: syncSleeps },
    interpretation,
  }
  const markdown = [
    '# @steadfast/wait benchmarks',
    '',
    `Generated by \`bench/wait.bench.mjs\` (\`pnpm --filter @steadfast/bench bench\`) against the built`,
    `package, @steadfast/wait ${version}, on ${date.slice(0, 10)}. Every time is read from`,
    '`process.hrtime.bigint`, captured before any fake timer is installed. The raw numbers are in',
    '[wait.json](./wait.json).',
    '',
    table(['Machine', ''], [...machineRows(info), ['Run time', `${seconds} s`]]),
    '',
    '## What the numbers say',
    '',
    interpretation.join('\n\n'),
    '',
    ...sections.flatMap(([title, text]) => [`## ${title}`, '', text, '']),
    '## How it is measured',
    '',
    `- **Wake-up**: the signal is given from a macrotask (\`setImmediate\`), as a server callback would;`,
    `  the latency runs from just before \`set()\` (or \`flag = true\`) to the waiter's continuation.`,
    `  A polled flag is set after a random pause, so it lands anywhere in the ${POLL_MS} ms period;`,
    `  with ${WAITERS} waiters, each poller starts at a random moment, as independent tasks do.`,
    '- **Sleeps** run one after another; "ended early" counts sleeps shorter than requested.',
    '  "Under `FakeTimers.install()`" installs @sinonjs/fake-timers (what Vitest and Jest fake',
    '  timers are built on) after the import; "fakes installed before the import" runs in a child',
    '  process where every timer, `node:timers` included, was already fake when the package loaded.',
    '- Each series is preceded by a short warm-up that is not recorded.',
    '',
  ].join('\n')
  const written = writeResults('wait', json, markdown)
  console.log(`Wrote ${written.join(', ')}`)
}

function interpret() {
  const lines = []
  const [event, polling, viaWaitFor] = ['event', 'polling', 'waitFor'].map((id) => byId(wake, id))
  const [eventMany, pollingMany] = ['event', 'polling'].map((id) => byId(wakeMany, id))
  lines.push(
    `An \`Event\` waiter ran a median ${formatMs(event.median)} after \`set()\` (p99 ${formatMs(event.p99)}); ` +
      `a ${POLL_MS} ms polling loop noticed the same flag after a median ${formatMs(polling.median)} ` +
      `(p99 ${formatMs(polling.p99)}), about ${Math.round(polling.median / event.median).toLocaleString('en-US')}× later, ` +
      `and \`waitFor\` with the same interval after ${formatMs(viaWaitFor.median)}: it is still polling, ` +
      'so use an `Event` wherever your code can signal. ' +
      `With ${WAITERS} waiters the last \`Event\` waiter ran ${formatMs(eventMany.median)} after \`set()\` ` +
      `(median), the last poller ${formatMs(pollingMany.median)}.`,
  )
  const [plain, real, faked, first] = [
    'setTimeout',
    'realSleep',
    'realSleep-fakes',
    'realSleep-fakes-first',
  ].map((id) => byId(sleeps, id))
  lines.push(
    `\`realSleep(${SLEEP_MS})\` overshot by a median ${formatMs(real.median)} (p99 ${formatMs(real.p99)}), ` +
      `like a plain \`setTimeout\` (${formatMs(plain.median)}, p99 ${formatMs(plain.p99)}), and kept to real time ` +
      `under \`FakeTimers.install()\` (median ${formatMs(faked.median)}), while a faked \`setTimeout(${SLEEP_MS})\` ` +
      `${faked.fakeTimeoutFiredUntilTicked ? 'fired' : 'had not fired'} after ${faked.n} real sleeps and ` +
      `${faked.fakeTimeoutFiredOnTick ? 'fired only' : 'did not fire even'} on \`clock.tick(${SLEEP_MS})\`. ` +
      `\`realSleepSync(${SYNC_SLEEP_MS})\` overshot by a median ${formatMs(syncSleeps[0].median)}.`,
  )
  const early = [plain, real, faked, first, ...syncSleeps].filter((r) => r.early > 0)
  if (early.length > 0) {
    const list = early.map(
      (r) => `${r.label}: ${r.early} of ${r.n} (shortest ${formatMs(r.min + r.requested)})`,
    )
    let text = `Some sleeps ended before the requested time: ${list.join('; ')}.`
    if (early.every((r) => r.min > -1)) {
      text +=
        " Node's timers count whole milliseconds of the event loop's clock, so any of them, a plain " +
        '`setTimeout` included, can fire up to 1 ms early.'
    }
    lines.push(text)
  }
  if (first.realNowAdvanced < first.trulyElapsed / 2) {
    lines.push(
      'With the fakes installed before the import, `realNow()` read the fake clock: it advanced ' +
        `${formatMs(first.realNowAdvanced)} while ${formatMs(first.trulyElapsed)} really passed, and a ` +
        `\`waitFor\` that gave up after ${formatMs(first.waitForTimeout.actual)} reported \`elapsed\` ` +
        `${formatMs(first.waitForTimeout.reportedElapsed ?? 0)}.`,
    )
  }
  return lines
}
