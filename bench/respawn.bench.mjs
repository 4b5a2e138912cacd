// @steadfast/respawn: what the supervision costs, measured on the built package with a real Node
// HTTP server (the e2e tests' fixture server) on loopback:
//   (a) crash → healthy respawned process, minus the process's own start time (target ≤ 50 ms);
//   (b) an unrecoverable process → the failing verdict (target ≤ 1 s; the old way waited 120 s);
//   (c) the liveness + HTTP health check before each test on a healthy process (target ≤ 2 ms).
// The session is driven directly, as the Vitest and Jest adapters drive it before each test.
// Writes docs/bench/respawn.json and respawn.md.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import net from 'node:net'
import os, { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  formatMs,
  hr,
  importBuilt,
  machine,
  machineRows,
  msBetween,
  quick,
  repoRoot,
  reps,
  summarize,
  table,
  writeResults,
} from './_lib.mjs'

const startedAt = hr()
// The 1-minute load average at the start and the end: on a shared machine it explains the tails.
const loadAtStart = os.loadavg()[0]
const TARGETS = { respawnOverhead: 50, verdict: 1000, check: 2 }

// The run directory (pid registry, port locks) of this benchmark: a temp folder, removed at the end.
const work = mkdtempSync(join(tmpdir(), 'steadfast-bench-respawn-'))
// Handed down as the plugin does (core's handOff), so no plugin is needed.
process.env.STEADFAST_HANDED = JSON.stringify({ respawn: { dir: join(work, '.steadfast'), runId: 'bench' } })

const { defineProcess, ProcessDegradedError } = await importBuilt('@steadfast/respawn')
const { version } = createRequire(import.meta.url)('@steadfast/respawn/package.json')
// The session and the worker state are internal: the adapters use them the same way.
const dist = join(repoRoot, 'packages', 'respawn', 'dist', 'esm')
const { Session } = await import(pathToFileURL(join(dist, 'session.js')).href)
const { workerState } = await import(pathToFileURL(join(dist, '_worker.js')).href)

// The fixture server of the e2e tests, written out of tests/respawn/_server.ts.
const serverSource = readFileSync(join(repoRoot, 'tests', 'respawn', '_server.ts'), 'utf8')
const server = join(work, 'server.cjs')
writeFileSync(
  server,
  serverSource.slice(serverSource.indexOf('SERVER = `') + 10, serverSource.lastIndexOf('`')),
)

const worker = workerState()
const test = (name) => ({ name, retry: false })
const define = (flags = [], extra = {}) =>
  defineProcess({
    name: 'api',
    command: process.execPath,
    args: [server, '--port', '{port}', ...flags],
    ready: { http: 'http://127.0.0.1:{port}/health' },
    health: { http: 'http://127.0.0.1:{port}/health' },
    stopTimeout: 500,
    // Every sample crashes it once more: the budget must outlast the run.
    maxRespawns: 1_000_000,
    ...extra,
  })

/** The server's own start time: spawn to its 'listening' line, with nothing of ours around it. */
async function ownStart(port) {
  const t0 = hr()
  const child = spawn(process.execPath, [server, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  await new Promise((resolve) => {
    let text = ''
    child.stdout.on('data', (chunk) => {
      text += chunk
      if (text.includes('listening on')) resolve()
    })
  })
  const ms = msBetween(t0, hr())
  child.kill('SIGKILL')
  await new Promise((resolve) => child.once('exit', resolve))
  return ms
}

// ---------------------------------------------------------------------------------------------
// (a) Crash → healthy: ensure() on a process that was SIGKILLed, against the server's own start.

async function respawnOverhead(n) {
  const session = new Session(define().options, 'bench.test.js', worker)
  await session.ensure(test('start'))
  const respawn = []
  const own = []
  for (let i = 0; i < n; i++) {
    // Interleaved, so drifts in the machine's load hit both series alike.
    own.push(await ownStart(session.handle.port + 1))
    const exit = session.handle.kill('SIGKILL')
    await exit
    const t0 = hr()
    const note = await session.ensure(test(`after crash ${i}`))
    respawn.push(msBetween(t0, hr()))
    if (!note) throw new Error('ensure() did not respawn')
  }
  await session.stop()
  return { respawn, own }
}

// ---------------------------------------------------------------------------------------------
// (b) Unrecoverable: a process that exits at start, and a crash whose respawn exits at start.

async function verdicts(n) {
  const first = []
  const later = []
  for (let i = 0; i < n; i++) {
    const session = new Session(
      define(['--exit-at-start'], { startTimeout: 120_000 }).options,
      'bench.test.js',
      worker,
    )
    let t0 = hr()
    await session.ensure(test('first')).then(
      () => {
        throw new Error('expected a degraded process')
      },
      (error) => {
        if (!(error instanceof ProcessDegradedError)) throw error
      },
    )
    first.push(msBetween(t0, hr()))
    t0 = hr()
    await session.ensure(test('later')).catch(() => {})
    later.push(msBetween(t0, hr()))
    await session.stop()
  }
  return { first, later }
}

// ---------------------------------------------------------------------------------------------
// (b, bad input) The two bad inputs found at different moments: an option defineProcess rejects
// (here a command not on PATH), and a fixed port already taken, found at the first start.

async function badInput(n) {
  const config = []
  const portTaken = []
  const taken = net.createServer()
  await new Promise((resolve) => taken.listen(0, '127.0.0.1', resolve))
  const port = taken.address().port
  for (let i = 0; i < n; i++) {
    let t0 = hr()
    try {
      defineProcess({ name: 'api', command: 'no-such-program-xyz', args: ['--port', '{port}'] })
      throw new Error('expected a config error')
    } catch (error) {
      if (error.code !== 'STEADFAST_CONFIG') throw error
    }
    config.push(msBetween(t0, hr()))
    const session = new Session(define([], { ready: { tcp: port } }).options, 'bench.test.js', worker)
    t0 = hr()
    await session.ensure(test('first')).then(
      () => {
        throw new Error('expected port-taken')
      },
      (error) => {
        if (error.reason !== 'port-taken') throw error
      },
    )
    portTaken.push(msBetween(t0, hr()))
    await session.stop()
  }
  await new Promise((resolve) => taken.close(resolve))
  return { config, portTaken }
}

// ---------------------------------------------------------------------------------------------
// (c) The check before each test on a healthy process: exit-event liveness + one HTTP GET.

async function checks(n) {
  const session = new Session(define().options, 'bench.test.js', worker)
  await session.ensure(test('start'))
  for (let i = 0; i < 50; i++) await session.ensure(test('warm-up'))
  const samples = []
  for (let i = 0; i < n; i++) {
    const t0 = hr()
    const note = await session.ensure(test(`test ${i}`))
    samples.push(msBetween(t0, hr()))
    if (note) throw new Error(`a healthy process was respawned: ${note}`)
  }
  const liveness = []
  const livenessOnly = new Session(
    defineProcess({
      name: 'api',
      command: process.execPath,
      args: [server, '--port', '{port}'],
      ready: { log: /listening/ },
    }).options,
    'bench.test.js',
    worker,
  )
  await livenessOnly.ensure(test('start'))
  for (let i = 0; i < n; i++) {
    const t0 = hr()
    await livenessOnly.ensure(test(`test ${i}`))
    liveness.push(msBetween(t0, hr()))
  }
  await livenessOnly.stop()
  await session.stop()
  return { samples, liveness }
}

const N_RESPAWN = reps(40)
const N_VERDICT = reps(20)
const N_CHECK = reps(2000)

const a = await respawnOverhead(N_RESPAWN)
const b = await verdicts(N_VERDICT)
const bad = await badInput(N_VERDICT)
const c = await checks(N_CHECK)
rmSync(work, { recursive: true, force: true })

const overheads = a.respawn.map((ms, i) => ms - (a.own[i] ?? 0))
const results = {
  respawn: summarize(a.respawn),
  ownStart: summarize(a.own),
  overhead: summarize(overheads),
  verdictFirst: summarize(b.first),
  verdictLater: summarize(b.later),
  badConfig: summarize(bad.config),
  badPortTaken: summarize(bad.portTaken),
  check: summarize(c.samples),
  livenessOnly: summarize(c.liveness),
}
const info = machine()
const seconds = (msBetween(startedAt, hr()) / 1000).toFixed(1)
const date = new Date().toISOString()
const verdict = (value, target) =>
  value <= target ? `met (target ≤ ${formatMs(target)})` : `**missed** (target ≤ ${formatMs(target)})`

const row = (label, s) => [label, s.n, formatMs(s.median), formatMs(s.p90), formatMs(s.p99), formatMs(s.max)]
const headers = ['', 'runs', 'median', 'p90', 'p99', 'max']

const json = {
  package: '@steadfast/respawn',
  version,
  date,
  machine: { ...info, loadAtStart, loadAtEnd: os.loadavg()[0] },
  quick,
  targets: TARGETS,
  results,
}
if (quick) {
  console.log(JSON.stringify(results, null, 2))
  process.exit(0)
}

const markdown = [
  '# @steadfast/respawn benchmarks',
  '',
  'Generated by `bench/respawn.bench.mjs` (`pnpm --filter @steadfast/bench bench respawn`) against the',
  `built package, @steadfast/respawn ${version}, on ${date.slice(0, 10)}. Every time is read from`,
  '`process.hrtime.bigint`. The raw numbers are in [respawn.json](./respawn.json).',
  '',
  // A load above half the cores before the first sample means other work shared the machine.
  ...(loadAtStart > os.cpus().length / 2
    ? [
        `> Other processes kept the machine busy (load ${loadAtStart.toFixed(2)} on ${os.cpus().length} cores at the start): treat`,
        '> the tails (p99, max) as upper bounds, and re-run on a quiet machine before quoting them.',
        '',
      ]
    : []),
  table(
    ['Machine', ''],
    [
      ...machineRows(info),
      ['Load (1 min) at start / end', `${loadAtStart.toFixed(2)} / ${os.loadavg()[0].toFixed(2)}`],
      ['Run time', `${seconds} s`],
    ],
  ),
  '',
  '## What the numbers say',
  '',
  `- **Crash → healthy process**: median overhead ${formatMs(results.overhead.median)} over the server's own start`,
  `  (${formatMs(results.ownStart.median)}), paired sample by sample; the difference of the medians is`,
  `  ${formatMs(results.respawn.median - results.ownStart.median)}: ${verdict(Math.max(results.overhead.median, results.respawn.median - results.ownStart.median), TARGETS.respawnOverhead)}.`,
  `- **Unrecoverable → failing verdict**: median ${formatMs(results.verdictFirst.median)} for a process that`,
  `  exits at start, with \`startTimeout\` at 120 s: ${verdict(results.verdictFirst.median, TARGETS.verdict)}.`,
  `  Later tests of the file fail in ${formatMs(results.verdictLater.median)} (median). Bad input is reported in`,
  `  ${formatMs(results.badConfig.median)} (a bad option) and ${formatMs(results.badPortTaken.median)} (a taken port), medians.`,
  `- **Check before each test** (exit-event liveness + one HTTP GET on loopback): median`,
  `  ${formatMs(results.check.median)}, p99 ${formatMs(results.check.p99)}: ${verdict(results.check.median, TARGETS.check)}.`,
  `  Liveness alone (no health check) costs ${formatMs(results.livenessOnly.median)}.`,
  '',
  '## (a) Crash → healthy respawned process',
  '',
  table(headers, [
    row('respawn: `ensure()` after SIGKILL, to healthy', results.respawn),
    row("the server's own start: spawn to its 'listening' line", results.ownStart),
    row('overhead (respawn − own start, paired)', results.overhead),
  ]),
  '',
  '## (b) Unrecoverable process → failing verdict',
  '',
  table(headers, [
    row('first test: start, exit at start, `ProcessDegradedError`', results.verdictFirst),
    row('each later test of the file', results.verdictLater),
    row('bad input: `defineProcess` with a command not on PATH', results.badConfig),
    row('bad input: a fixed ready port already taken (first start)', results.badPortTaken),
  ]),
  '',
  '## (c) Check before each test, healthy process',
  '',
  table(headers, [
    row('liveness + HTTP health check (GET /health)', results.check),
    row('liveness only (no `health` option)', results.livenessOnly),
  ]),
  '',
  '## How it is measured',
  '',
  '- The server is the e2e fixture (`tests/respawn/_server.ts`): Node, `http.createServer`, one',
  '  `/health` route; `ready` and `health` are `{ http: "http://127.0.0.1:{port}/health" }`.',
  '- (a) The process is killed with SIGKILL and its exit awaited; the clock runs from the call of',
  '  `ensure()` (what the adapters call before a test) to its return with a healthy process. It',
  '  includes killing what remains of the tree, the registry and watchdog bookkeeping, the spawn,',
  "  the ready polling (every 10 ms) and the /proc scan of the new tree. The server's own start is",
  '  measured right before each respawn, on another port, from `spawn()` to its "listening" line,',
  '  and subtracted pairwise.',
  '- (b) A fresh session per sample, `startTimeout: 120_000`: only the exit event can end the wait',
  '  early. The clock runs from `ensure()` to the rejection with `ProcessDegradedError`.',
  '- (c) 2,000 calls of `ensure()` on a healthy process, after 50 unrecorded warm-up calls.',
  '',
].join('\n')
const written = writeResults('respawn', json, markdown)
console.log(markdown)
console.log(`\nwrote ${written.join(', ')}`)
