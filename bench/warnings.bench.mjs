// @steadfast/warnings: (a) a real Vitest and Jest run of a fixture that emits 337,000 warnings of
// 40 emitting lines across 8 files (332,828 of them from one file, as in the nightly run that prompted the
// package), with the plugin off and on, in interleaved rounds: wall time and the peak memory of
// the runner's processes; (b) the cost per warning of a repeat of a known kind in a worker thread,
// on top of what `process.emitWarning` itself costs.
// Runs against the built packages (`pnpm build` first). Writes docs/bench/warnings.json and .md.
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import {
  cleanupFixtures,
  createFixture,
  runnerInfo,
  runRunner,
  sampleMemory,
  WORKSPACE_PACKAGES,
} from './_fixture.mjs'
import { hr, machine, machineRows, msBetween, quick, table, writeResults } from './_lib.mjs'

const startedAt = hr()
// The 1-minute load average before the first run: says whether the machine was shared.
const loadAtStart = os.loadavg()[0]
const ROUNDS = quick ? 1 : 5
const warningsDir = WORKSPACE_PACKAGES['@steadfast/warnings']
if (!warningsDir) throw new Error('No packages/warnings in this repository')
const { version } = JSON.parse(readFileSync(join(warningsDir, 'package.json'), 'utf8'))

// ---------------------------------------------------------------------------------------------
// (a) The fixture: 8 files × 5 emitting lines = 40. File 1 emits 332,828; the 7 others 596 each.
// The plugin groups them into 12 kinds: a deprecation per file (each its own code), and one kind
// each for the cache, experimental, retry and console.warn lines of every file (a kind is its
// message's template, whichever file it comes from).

const FILES = 8
const BIG = [300_000, 25_000, 6_000, 1_000, 828] // 332,828
const SMALL = [300, 150, 100, 40, 6] // 596
const KINDS = FILES + 4
const TOTAL = BIG.reduce((a, b) => a + b) + (FILES - 1) * SMALL.reduce((a, b) => a + b)
if (TOTAL !== 337_000) throw new Error(`the fixture adds up to ${TOTAL}, not 337,000`)

/** Kind `k` (0..39): its emitting line. A mix of deprecations with codes, custom types and console.warn. */
function emitter(k) {
  switch (k % 5) {
    case 0:
      return `process.emitWarning(\`legacy api ${k} called for record \${i}\`, 'DeprecationWarning', 'DEP_BENCH_${k}')`
    case 1:
      return `process.emitWarning(\`cache ${k} miss for "key-\${i}"\`, { type: 'CacheWarning' })`
    case 2:
      return `process.emitWarning(\`feature ${k} is experimental (call \${i})\`, 'ExperimentalWarning')`
    case 3:
      return `process.emitWarning(\`retry ${k} after \${i % 100} ms\`, 'RetryWarning')`
    default:
      return `console.warn('slow query ${k}: %d ms', i % 1000)`
  }
}

function testFile(runner, f) {
  const counts = f === 0 ? BIG : SMALL
  const header = runner.kind === 'vitest' ? "import { test } from 'vitest'\n\n" : ''
  const body = counts
    .map((n, j) => {
      const k = f * 5 + j
      return `function warn${k}(i) {\n  ${emitter(k)}\n}\n\ntest('kind ${k}', () => {\n  for (let i = 0; i < ${n}; i++) warn${k}(i)\n})\n`
    })
    .join('\n')
  return `${header}${body}`
}

function projectFiles(runner, variant) {
  const files = {}
  for (let f = 0; f < FILES; f++) files[`file-${f + 1}.test.js`] = testFile(runner, f)
  if (runner.kind === 'vitest') {
    files['package.json'] = JSON.stringify({ name: 'bench', private: true, type: 'module' })
    files['vitest.config.mjs'] =
      variant === 'off'
        ? 'export default { test: { testTimeout: 600000 } }\n'
        : "import warnings from '@steadfast/warnings/vitest'\n\nexport default { plugins: [warnings()], test: { testTimeout: 600000 } }\n"
  } else {
    files['package.json'] = JSON.stringify({ name: 'bench', private: true })
    const plugin =
      variant === 'off'
        ? ''
        : ", setupFilesAfterEnv: ['@steadfast/warnings/jest'], reporters: ['default', '@steadfast/warnings/jest-reporter']"
    files['jest.config.js'] =
      `module.exports = { testEnvironment: 'node', transform: {}, testTimeout: 600000${plugin} }\n`
  }
  return files
}

const RUNNERS = ['vitest4', 'jest30'].map(runnerInfo)
const VARIANTS = { off: 'plugin off (Node and the runner print every warning)', on: 'plugin on (defaults)' }
const runnerName = (runner) => `${runner.kind === 'vitest' ? 'Vitest' : 'Jest'} ${runner.version}`
const runnerArgs = (runner) => (runner.kind === 'vitest' ? ['run'] : ['--ci', '--no-watchman'])

async function runOnce(job) {
  let pid
  const stop = sampleMemory(() => pid)
  const run = await runRunner(job.runner, job.dir, runnerArgs(job.runner), {
    timeout: 600_000,
    onSpawn: (child) => {
      pid = child.pid
    },
  })
  const { peakKb } = stop()
  if (run.exitCode !== 0)
    throw new Error(
      `${job.name}: exit ${run.exitCode}\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`,
    )
  const lines = `${run.stdout}\n${run.stderr}`.split('\n').length
  if (job.variant === 'on' && !run.stdout.includes(`337000 warnings of ${KINDS} kinds from 8 files`))
    throw new Error(
      `${job.name}: the summary does not count 337,000 warnings of ${KINDS} kinds:\n${run.stdout.slice(-4000)}`,
    )
  return {
    wallMs: Math.round(run.wallMs),
    cpuMs: run.cpuMs,
    peakRssMb: Math.round(peakKb / 1024),
    outputLines: lines,
  }
}

// ---------------------------------------------------------------------------------------------
// (b) Per-warning cost in a worker thread: emitting N repeats of one known kind with the plugin's
// capture on, against the same with only a no-op listener (Node's printer off in both).

const MICRO_N = quick ? 20_000 : 100_000
const MICRO_ROUNDS = quick ? 3 : 21

const microSource = `
const { parentPort, workerData } = require('node:worker_threads')
const { setImmediate: turn } = require('node:timers/promises')
;(async () => {
  const { processRuntime } = await import(workerData.runtime)
  const runtime = processRuntime(workerData.root)
  runtime.file = 'bench.test.js'
  runtime.test = 'repeats'
  for (const l of process.listeners('warning')) process.off('warning', l)
  const noop = () => {}
  const emit = (i) => process.emitWarning('legacy api called for record ' + i, 'DeprecationWarning', 'DEP_BENCH')
  // CPU time, not wall time: the machine is shared, and a descheduled thread costs wall time
  // but no CPU. The main thread idles meanwhile, so the process's CPU time is this thread's.
  async function batch(n) {
    const start = process.cpuUsage()
    for (let i = 0; i < n; i++) emit(i)
    await new Promise((resolve) => process.nextTick(resolve))
    const used = process.cpuUsage(start)
    return ((used.user + used.system) * 1000) / n
  }
  const results = []
  for (let round = 0; round < workerData.rounds + 1; round++) {
    const order = round % 2 ? ['on', 'off'] : ['off', 'on']
    const row = {}
    for (const variant of order) {
      if (variant === 'on') runtime.capture.acquire()
      else process.on('warning', noop)
      row[variant] = await batch(workerData.n)
      if (variant === 'on') runtime.capture.release()
      else process.off('warning', noop)
      await turn()
    }
    if (round > 0) results.push(row) // the first round warms up
  }
  runtime.flush() // adds the repeats still pending to the store
  const kinds = runtime.store.snapshot().kinds
  parentPort.postMessage({ results, kinds: kinds.length, count: kinds[0]?.count ?? 0 })
})()
`

async function microBenchmark() {
  const root = await mkdtemp(join(os.tmpdir(), 'steadfast-bench-warnings-'))
  // The worker's runtime, as Vitest's setup file loads it (one self-contained bundle).
  const runtime = join(warningsDir, 'dist', 'esm', 'vitest-runtime.js')
  const options = {
    console: 'warn',
    live: false,
    ignore: [],
    error: [],
    budget: {},
    baseline: false,
    onNewKind: 'fail',
    top: 20,
  }
  const worker = new Worker(microSource, {
    eval: true,
    workerData: { runtime, root, n: MICRO_N, rounds: MICRO_ROUNDS },
    // Handed down as the plugin does (core's handOff).
    env: { ...process.env, STEADFAST_HANDED: JSON.stringify({ warnings: options }) },
  })
  const result = await new Promise((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
  })
  await worker.terminate()
  await rm(root, { recursive: true, force: true })
  const expected = MICRO_N * (MICRO_ROUNDS + 1)
  if (result.kinds !== 1 || result.count !== expected)
    throw new Error(
      `the micro benchmark counted ${result.count} warnings of ${result.kinds} kinds, expected ${expected} of 1`,
    )
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b)
    return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
  }
  const off = median(result.results.map((r) => r.off))
  const on = median(result.results.map((r) => r.on))
  const added = median(result.results.map((r) => r.on - r.off))
  return {
    n: MICRO_N,
    rounds: MICRO_ROUNDS,
    emitOnlyNs: Math.round(off),
    withPluginNs: Math.round(on),
    addedNs: Math.round(added),
    addedRangeNs: [
      Math.round(Math.min(...result.results.map((r) => r.on - r.off))),
      Math.round(Math.max(...result.results.map((r) => r.on - r.off))),
    ],
  }
}

// ---------------------------------------------------------------------------------------------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

console.log(`@steadfast/warnings ${version}${quick ? ' (quick: nothing is written)' : ''}`)
console.log('(b) per-warning cost in a worker thread...')
const micro = await microBenchmark()
console.log(
  `  emitWarning alone ${micro.emitOnlyNs} ns, with the capture ${micro.withPluginNs} ns: +${micro.addedNs} ns a repeat (range ${micro.addedRangeNs.join('..')})`,
)

console.log(`(a) ${RUNNERS.map(runnerName).join(', ')}: building fixture projects...`)
const jobs = []
for (const runner of RUNNERS) {
  for (const variant of Object.keys(VARIANTS)) {
    const dir = await createFixture(runner, projectFiles(runner, variant), `warnings-${runner.id}-${variant}`)
    jobs.push({ runner, variant, dir, name: `${runner.id} ${variant}` })
  }
}

const runs = []
for (let round = 0; round <= ROUNDS; round++) {
  // Interleaved: each round runs every job once, off and on alternating first.
  const order = round % 2 ? [...jobs].reverse() : jobs
  const line = []
  for (const job of order) {
    const result = await runOnce(job)
    if (round > 0) runs.push({ round, runner: job.runner.id, variant: job.variant, ...result })
    line.push(`${job.name} ${result.wallMs} ms ${result.peakRssMb} MB`)
  }
  console.log(`${round === 0 ? 'warm-up' : `round ${round}`}: ${line.join(', ')}`)
}
await cleanupFixtures()

const rows = []
for (const runner of RUNNERS) {
  const of = (variant) => runs.filter((r) => r.runner === runner.id && r.variant === variant)
  const off = of('off')
  const on = of('on')
  const paired = on.map((r) => r.wallMs / (off.find((o) => o.round === r.round)?.wallMs ?? Number.NaN))
  rows.push({
    runner: runner.id,
    runnerName: runnerName(runner),
    off: {
      wallMs: median(off.map((r) => r.wallMs)),
      peakRssMb: median(off.map((r) => r.peakRssMb)),
      outputLines: median(off.map((r) => r.outputLines)),
    },
    on: {
      wallMs: median(on.map((r) => r.wallMs)),
      peakRssMb: median(on.map((r) => r.peakRssMb)),
      outputLines: median(on.map((r) => r.outputLines)),
    },
    pairedRatio: {
      median: Math.round(median(paired) * 1000) / 1000,
      min: Math.round(Math.min(...paired) * 1000) / 1000,
      max: Math.round(Math.max(...paired) * 1000) / 1000,
    },
  })
}

/**
 * Met when the per-round paired ratio and the medians both say the plugin run is faster; not
 * conclusive when they disagree (a noisy machine); missed when both say slower.
 */
function verdict(r) {
  const paired = r.pairedRatio.median < 1
  const medians = r.on.wallMs < r.off.wallMs
  const detail = `paired on/off ${r.pairedRatio.median} [${r.pairedRatio.min}, ${r.pairedRatio.max}]; medians ${r.on.wallMs} ms against ${r.off.wallMs} ms`
  if (paired && medians) return `met (${detail})`
  if (paired || medians) return `**not conclusive** on this machine (${detail})`
  return `**missed** (${detail})`
}

const info = machine()
const elapsedS = Math.round(msBetween(startedAt, hr()) / 1000)
for (const row of rows)
  console.log(
    `${row.runnerName}: off ${row.off.wallMs} ms / ${row.off.peakRssMb} MB, on ${row.on.wallMs} ms / ${row.on.peakRssMb} MB (on/off ${row.pairedRatio.median})`,
  )

if (!quick) {
  const json = {
    package: '@steadfast/warnings',
    version,
    date: new Date().toISOString(),
    machine: info,
    rounds: ROUNDS,
    fixture: { files: FILES, lines: FILES * 5, kinds: KINDS, total: TOTAL, biggestFile: 332_828 },
    results: rows,
    runs,
    perWarning: micro,
    elapsedS,
  }
  const md = [
    '# @steadfast/warnings: benchmark',
    '',
    `Measured by \`bench/warnings.bench.mjs\` on ${json.date.slice(0, 10)} (${elapsedS} s).`,
    // A load above half the cores before the first run means other work shared the machine.
    ...(loadAtStart > os.cpus().length / 2
      ? [
          `**Other processes kept the machine busy (load ${loadAtStart.toFixed(2)} on ${os.cpus().length} cores at the start): the`,
          'numbers are noisy. Re-run it on a quiet machine before quoting them.**',
          '',
        ]
      : [`Load at the start: ${loadAtStart.toFixed(2)} on ${os.cpus().length} cores.`, '']),
    table(['', ''], machineRows(info)),
    '',
    '## A run of 337,000 warnings',
    '',
    `8 test files, 40 lines that warn (deprecations with codes, custom types, experimental warnings,`,
    `\`console.warn\`), 337,000 warnings in all, 332,828 of them from one file; the plugin counts ${KINDS} kinds`,
    `(a deprecation code per file, and one kind for each other template). Each runner with the plugin off`,
    `(Node prints every \`process.emitWarning\`, the runner every \`console.warn\`) and on (defaults),`,
    `${ROUNDS} interleaved rounds after one warm-up; medians. Peak memory: the resident set of the`,
    'runner and its workers, summed, sampled every 25 ms.',
    '',
    table(
      [
        'Runner',
        'Off: wall',
        'On: wall',
        'On/off (paired per round)',
        'Off: peak RSS',
        'On: peak RSS',
        'Off: output lines',
        'On: output lines',
      ],
      rows.map((r) => [
        r.runnerName,
        `${r.off.wallMs} ms`,
        `${r.on.wallMs} ms`,
        `${r.pairedRatio.median} [${r.pairedRatio.min}, ${r.pairedRatio.max}]`,
        `${r.off.peakRssMb} MB`,
        `${r.on.peakRssMb} MB`,
        r.off.outputLines,
        r.on.outputLines,
      ]),
    ),
    '',
    'Target (issue 4): the run with the plugin is faster than the run without it.',
    '',
    ...rows.map((r) => `- ${r.runnerName}: ${verdict(r)}.`),
    '',
    '## Cost per warning in a worker',
    '',
    `A worker thread emits ${MICRO_N.toLocaleString('en-US')} repeats of one known kind (same call site, the`,
    "message differs by a number), with the capture on, and with only a no-op listener (Node's printer",
    `is off in both): ${MICRO_ROUNDS} alternating rounds after one warm-up; CPU time of the process (the`,
    'main thread idles), the median of the per-round differences.',
    '',
    table(
      ['emitWarning alone', 'with the capture', 'added per repeat', 'range of rounds'],
      [
        [
          `${micro.emitOnlyNs} ns`,
          `${micro.withPluginNs} ns`,
          `${micro.addedNs} ns`,
          `${micro.addedRangeNs[0]} .. ${micro.addedRangeNs[1]} ns`,
        ],
      ],
    ),
    '',
    `Target (issue 4): ≤ 2 µs a repeat. ${micro.addedNs <= 2000 ? 'Met' : '**Missed**'}: ${(micro.addedNs / 1000).toFixed(2)} µs.`,
    '',
    'Workers send no message per warning: each keeps its counts in memory (one record per kind, a',
    'bounded tally of files and tests) and writes one JSON artifact at the end of each test file.',
  ].join('\n')
  const written = writeResults('warnings', json, md)
  console.log(`wrote ${written.join(', ')}`)
}
