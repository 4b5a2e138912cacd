// @steadfast/rejections: the wall time it adds to real Vitest and Jest runs of (a) 2,000 small sync
// tests and (b) a promise-heavy suite (each test awaits 1,000 promises), with the plugin off, on,
// and on with `leaks: 'off'` (which separates the cost of the leak recorder's async hook).
// Runs against the built packages (`pnpm build` first), copied into temp fixture projects.
// Writes docs/bench/rejections.json and rejections.md.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { cleanupFixtures, createFixture, runnerInfo, runRunner, WORKSPACE_PACKAGES } from './_fixture.mjs'
import { hr, machine, machineRows, msBetween, pause, quick, repoRoot, table, writeResults } from './_lib.mjs'

const startedAt = hr()
const ROUNDS = quick ? 2 : 8
/** Extra rounds allowed when some were disturbed, as long as the whole run stays under BUDGET_S. */
const MAX_EXTRA_ROUNDS = quick ? 0 : 3
const BUDGET_S = 210
/** Targets from issue 3, as wall-time overhead of the plugin against the same suite without it. */
const TARGETS = { sync: 0.05, promises: 0.15 }
/** A run is "disturbed" when other processes used this much CPU (in cores) while it ran... */
const FOREIGN_CORES = 0.25
/** ...or when its wall time is this far from the median of its variant. */
const OUTLIER = 0.2
/** Before each round, wait at most this long for other processes to calm down; in all, at most... */
const MAX_WAIT_S = 20
const MAX_TOTAL_WAIT_S = 60

const rejectionsDir = WORKSPACE_PACKAGES['@steadfast/rejections']
if (!rejectionsDir) throw new Error('No packages/rejections in this repository')
const { version } = JSON.parse(readFileSync(join(rejectionsDir, 'package.json'), 'utf8'))

// ---------------------------------------------------------------------------------------------
// The suites, the variants and the fixture projects.

const SUITES = {
  sync: {
    label: '(a) 2,000 sync tests',
    detail: '4 files × 500 tests, each `expect(i + 1).toBe(i + 1)`',
    files: 4,
    tests: 500,
    body: (i) => `test('sync ${i}', () => {\n  expect(${i} + 1).toBe(${i} + 1)\n})\n`,
  },
  promises: {
    label: '(b) promise-heavy',
    detail: '2 files × 100 tests, each awaiting 1,000 promises (200,000 awaits)',
    files: 2,
    tests: 100,
    body: (i) =>
      `test('awaits ${i}', async () => {\n  let sum = 0\n  for (let j = 0; j < 1000; j++) sum += await Promise.resolve(j)\n  expect(sum).toBe(499500)\n})\n`,
  },
}

const VARIANTS = {
  off: 'plugin off',
  on: "plugin on (defaults: `leaks: 'warn'`)",
  leaksOff: "plugin on, `leaks: 'off'`",
}

const RUNNERS = ['vitest4', 'jest30'].map(runnerInfo)
const runnerName = (runner) => `${runner.kind === 'vitest' ? 'Vitest' : 'Jest'} ${runner.version}`

/** One test file: the same tests under both runners (Jest's are globals, and CommonJS). */
function testFile(runner, suite) {
  // Written out test by test, as a real suite would be, rather than a loop that makes them.
  const tests = Array.from({ length: suite.tests }, (_, i) => suite.body(i)).join('\n')
  return runner.kind === 'vitest' ? `import { expect, test } from 'vitest'\n\n${tests}` : tests
}

function projectFiles(runner, suiteId, variant) {
  const suite = SUITES[suiteId]
  const files = {}
  for (let f = 1; f <= suite.files; f++) files[`${suiteId}-${f}.test.js`] = testFile(runner, suite)
  if (runner.kind === 'vitest') {
    files['package.json'] = JSON.stringify({ name: 'bench', private: true, type: 'module' })
    files['vitest.config.mjs'] =
      variant === 'off'
        ? 'export default { test: {} }\n'
        : `import rejections from '@steadfast/rejections/vitest'\n\nexport default { plugins: [rejections(${variant === 'leaksOff' ? "{ leaks: 'off' }" : ''})], test: {} }\n`
  } else {
    files['package.json'] = JSON.stringify({ name: 'bench', private: true })
    // No transform: the files are plain CommonJS, and skipping Babel is what a fast Jest setup does.
    const plugin =
      variant === 'off'
        ? ''
        : ", setupFilesAfterEnv: ['@steadfast/rejections/jest'], reporters: ['default', '@steadfast/rejections/jest-reporter']"
    files['jest.config.js'] = `module.exports = { testEnvironment: 'node', transform: {}${plugin} }\n`
    // A Jest setup file takes no options: they come from steadfast.config.*.
    if (variant === 'leaksOff')
      files['steadfast.config.json'] = JSON.stringify({ rejections: { leaks: 'off' } })
  }
  return files
}

const REPORT = '.bench-report.json'
const runnerArgs = (runner) =>
  runner.kind === 'vitest'
    ? ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORT}`]
    : ['--ci', '--no-watchman', '--json', `--outputFile=${REPORT}`]

// ---------------------------------------------------------------------------------------------
// One run: wall time, CPU time, in-test time from the runner's own JSON report, and the CPU the
// rest of the machine used meanwhile (to tell a disturbed run).

/** Busy and steal time of the whole machine (ms), from /proc/stat; undefined off Linux. */
function machineCpu() {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number)
    const [user, nice, system, , , irq, softirq, steal = 0] = fields
    return { busy: (user + nice + system + irq + softirq) * 10, steal: steal * 10 }
  } catch {
    return undefined
  }
}

async function runOnce(job) {
  const { runner, suiteId, dir } = job
  const suite = SUITES[suiteId]
  const before = machineCpu()
  const ownBefore = process.cpuUsage()
  const run = await runRunner(runner, dir, runnerArgs(runner))
  const after = machineCpu()
  const own = process.cpuUsage(ownBefore)
  const expected = suite.files * suite.tests
  let report
  try {
    report = JSON.parse(await readFile(join(dir, REPORT), 'utf8'))
  } catch (error) {
    throw new Error(`${job.name}: no JSON report (${error.message})\n${run.stdout}\n${run.stderr}`)
  }
  if (run.exitCode !== 0 || report.numPassedTests !== expected) {
    throw new Error(
      `${job.name}: exit ${run.exitCode}, ${report.numPassedTests} of ${expected} tests passed\n${run.stdout}\n${run.stderr}`,
    )
  }
  // In-test time: per file, from the first test's start to the last test's end (each test's
  // duration includes its beforeEach/afterEach hooks), summed over files. It leaves out start-up,
  // module loading, setup files and beforeAll/afterAll. Vitest reports it as startTime/endTime;
  // Jest's file times include the environment, so it is computed from the tests (whole ms).
  let inTestMs = 0
  let testSumMs = 0
  let fileMs = 0
  for (const file of report.testResults) {
    const tests = file.assertionResults
    testSumMs += tests.reduce((sum, t) => sum + (t.duration ?? 0), 0)
    fileMs += file.endTime - file.startTime
    if (runner.kind === 'vitest') inTestMs += file.endTime - file.startTime
    else {
      const first = Math.min(...tests.map((t) => t.startAt))
      const last = Math.max(...tests.map((t) => t.startAt + (t.duration ?? 0)))
      inTestMs += last - first
    }
  }
  // Per-file set-up, summed over the files: Vitest's own "setup" figure (running the setup files,
  // from its summary line); for Jest, each file's time outside its tests (environment, setup files,
  // loading the test file, beforeAll/afterAll). Both runners run one file at a time here.
  let setupMs
  if (runner.kind === 'vitest') {
    const parts = /Duration\s+\S+\s+\(([^)]*)\)/.exec(run.stdout)?.[1] ?? ''
    const setup = /\bsetup ([\d.]+)(ms|s)\b/.exec(parts)
    setupMs = setup ? Number(setup[1]) * (setup[2] === 's' ? 1000 : 1) : undefined
  } else setupMs = fileMs - inTestMs
  const ownMs = (own.user + own.system) / 1000
  const foreignMs =
    before && after && run.cpuMs !== undefined
      ? Math.max(0, after.busy - before.busy - run.cpuMs - ownMs)
      : undefined
  return {
    wallMs: roundTo(run.wallMs, 3),
    cpuMs: run.cpuMs,
    inTestMs: roundTo(inTestMs, 3),
    testSumMs: roundTo(testSumMs, 3),
    setupMs: setupMs === undefined ? undefined : roundTo(setupMs, 3),
    foreignCores: foreignMs === undefined ? undefined : roundTo(foreignMs / run.wallMs, 2),
    stealMs: before && after ? after.steal - before.steal : undefined,
    warnings: (run.stderr.match(/\[JEST-\d+\][^\n]*/g) ?? []).map((line) =>
      line.replace(/\(node:\d+\) /, ''),
    ),
  }
}

// ---------------------------------------------------------------------------------------------
// Rounds: every job once per round, in a random order; one discarded warm-up round first.

/** A small seeded generator (mulberry32), so the order of a run can be told and replayed. */
function random(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function shuffle(list, rand) {
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

const seed = Number(process.env.BENCH_SEED ?? Date.now() % 2 ** 31)
const rand = random(seed)

console.log(
  `@steadfast/rejections ${version}: overhead in real runner processes${quick ? ' (quick: nothing is written)' : ''}`,
)
console.log(`${RUNNERS.map(runnerName).join(', ')}; seed ${seed}; building fixture projects...`)

const jobs = []
for (const runner of RUNNERS) {
  for (const suiteId of Object.keys(SUITES)) {
    for (const variant of Object.keys(VARIANTS)) {
      const dir = await createFixture(
        runner,
        projectFiles(runner, suiteId, variant),
        `${runner.id}-${suiteId}`,
      )
      jobs.push({ runner, suiteId, variant, dir, name: `${runner.id} ${suiteId} ${variant}` })
    }
  }
}

const commit = gitHead()
const distSha256 = distHash(join(jobs[0].dir, 'node_modules', '@steadfast', 'rejections', 'dist'))
const runs = []
const elapsedS = () => msBetween(startedAt, hr()) / 1000

/** CPU (in cores) the machine spent over `ms` of real time, this process and its children aside. */
async function otherLoad(ms) {
  const before = machineCpu()
  const own = process.cpuUsage()
  const start = hr()
  await pause(ms)
  const after = machineCpu()
  if (!before || !after) return 0
  const { user, system } = process.cpuUsage(own)
  return Math.max(0, after.busy - before.busy - (user + system) / 1000) / msBetween(start, hr())
}

let totalWaitS = 0
/**
 * Other engineers share this machine: before a round, wait (up to MAX_WAIT_S per round and
 * MAX_TOTAL_WAIT_S in all) until other processes use less than FOREIGN_CORES. A round that starts
 * busy anyway is measured, and shown as disturbed rather than dropped.
 */
async function waitForQuiet() {
  const start = hr()
  const since = () => msBetween(start, hr()) / 1000
  let load = await otherLoad(500)
  while (load > FOREIGN_CORES && since() < MAX_WAIT_S && totalWaitS + since() < MAX_TOTAL_WAIT_S) {
    console.log(`  other processes use ${load.toFixed(2)} cores: waiting for the machine to be quiet...`)
    await pause(2000)
    load = await otherLoad(500)
  }
  const waited = Math.max(0, since() - 0.5)
  totalWaitS += waited
  return { waitedS: roundTo(waited, 1), otherCores: roundTo(load, 2) }
}

async function runRound(index) {
  const quiet = await waitForQuiet()
  const load = os.loadavg()[0]
  const order = shuffle(jobs, rand)
  const results = []
  for (const [position, job] of order.entries()) {
    const result = await runOnce(job)
    results.push({
      round: index,
      position,
      runner: job.runner.id,
      suite: job.suiteId,
      variant: job.variant,
      ...result,
    })
  }
  const line = results.map((r) => `${r.runner}/${r.suite}/${r.variant} ${Math.round(r.wallMs)}`).join(', ')
  console.log(`${index === 0 ? 'warm-up' : `round ${index}`} (load ${load.toFixed(2)}): ${line}`)
  return { load, quiet, results }
}

// ---------------------------------------------------------------------------------------------
// Statistics.

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function round2(x) {
  return Math.round(x * 100) / 100
}

function roundTo(x, digits) {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

function stats(values) {
  return {
    median: roundTo(median(values), 1),
    min: roundTo(Math.min(...values), 1),
    max: roundTo(Math.max(...values), 1),
  }
}

const pick = (runner, suite, variant) =>
  runs.filter((r) => r.runner === runner && r.suite === suite && r.variant === variant)

/** Runs far from their variant's median, or with other processes busy meanwhile. */
function disturbedRuns() {
  return runs.flatMap((r) => {
    const typical = median(pick(r.runner, r.suite, r.variant).map((x) => x.wallMs))
    const off = r.wallMs / typical - 1
    const reasons = []
    if (Math.abs(off) > OUTLIER)
      reasons.push(`${off > 0 ? '+' : ''}${Math.round(off * 100)} % from its median`)
    if ((r.foreignCores ?? 0) > FOREIGN_CORES)
      reasons.push(`other processes used ${r.foreignCores} cores meanwhile`)
    return reasons.length > 0 ? [{ run: r, off, reasons }] : []
  })
}

function disturbedRounds() {
  return [...new Set(disturbedRuns().map((d) => d.run.round))].sort((a, b) => a - b)
}

/** Per runner × suite × variant: the medians and ranges, the overhead against "off". */
function summarise(exclude = new Set()) {
  const rows = []
  for (const runner of RUNNERS) {
    for (const suite of Object.keys(SUITES)) {
      const base = pick(runner.id, suite, 'off').filter((r) => !exclude.has(r.round))
      for (const variant of Object.keys(VARIANTS)) {
        const mine = pick(runner.id, suite, variant).filter((r) => !exclude.has(r.round))
        if (mine.length === 0) continue
        const wall = stats(mine.map((r) => r.wallMs))
        const inTest = stats(mine.map((r) => r.inTestMs))
        const cpu = mine.every((r) => r.cpuMs !== undefined) ? stats(mine.map((r) => r.cpuMs)) : undefined
        const setup = mine.every((r) => r.setupMs !== undefined)
          ? stats(mine.map((r) => r.setupMs))
          : undefined
        const row = {
          runner: runner.id,
          runnerName: runnerName(runner),
          suite,
          variant,
          rounds: mine.length,
          wall,
          inTest,
          setup,
          cpu,
        }
        if (variant !== 'off') {
          const overhead = (key) =>
            roundTo(median(mine.map((r) => r[key])) / median(base.map((r) => r[key])) - 1, 4)
          // The same comparison paired within each round (both ran minutes apart at most, in the
          // same conditions): the median and range of the per-round ratios.
          const paired = mine.flatMap((r) => {
            const b = base.find((x) => x.round === r.round)
            return b ? [r.wallMs / b.wallMs - 1] : []
          })
          row.overhead = {
            wall: overhead('wallMs'),
            inTest: overhead('inTestMs'),
            cpu: cpu ? overhead('cpuMs') : undefined,
            pairedWall: {
              median: roundTo(median(paired), 4),
              min: roundTo(Math.min(...paired), 4),
              max: roundTo(Math.max(...paired), 4),
            },
          }
          // Where the added wall time goes (differences of medians, so the parts add up only roughly).
          const added = (key) => roundTo(median(mine.map((r) => r[key])) - median(base.map((r) => r[key])), 1)
          row.added = {
            wall: added('wallMs'),
            inTest: added('inTestMs'),
            setup: setup ? added('setupMs') : undefined,
          }
          row.added.rest =
            row.added.setup === undefined
              ? undefined
              : roundTo(row.added.wall - row.added.inTest - row.added.setup, 1)
          if (variant === 'on') {
            const target = TARGETS[suite]
            row.target = target
            row.meetsTarget = row.overhead.wall <= target
          }
        }
        rows.push(row)
      }
    }
  }
  return rows
}

// ---------------------------------------------------------------------------------------------
// Output.

function pct(x, digits = 1) {
  if (x === undefined) return '–'
  const v = x * 100
  return `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v).toFixed(digits)} %`
}
const ms = (s) => `${Math.round(s.median)} ms`
const range = (s) => `${Math.round(s.min)}–${Math.round(s.max)}`

function wallTable(rows) {
  return table(
    [
      'Runner',
      'Suite',
      'Variant',
      'wall (median)',
      'min–max',
      'overhead',
      'paired per round: median [min, max]',
    ],
    rows.map((r) => [
      r.runnerName,
      SUITES[r.suite].label,
      VARIANTS[r.variant],
      ms(r.wall),
      range(r.wall),
      r.overhead ? `**${pct(r.overhead.wall)}**` : '–',
      r.overhead
        ? `${pct(r.overhead.pairedWall.median)} [${pct(r.overhead.pairedWall.min)}, ${pct(r.overhead.pairedWall.max)}]`
        : '–',
    ]),
  )
}

function innerTable(rows) {
  return table(
    [
      'Runner',
      'Suite',
      'Variant',
      'in-test (median)',
      'min–max',
      'overhead',
      'CPU (median)',
      'min–max',
      'overhead',
    ],
    rows.map((r) => [
      r.runnerName,
      SUITES[r.suite].label,
      VARIANTS[r.variant],
      `${r.inTest.median.toFixed(1)} ms`,
      `${r.inTest.min.toFixed(0)}–${r.inTest.max.toFixed(0)}`,
      r.overhead ? pct(r.overhead.inTest, 0) : '–',
      r.cpu ? ms(r.cpu) : '–',
      r.cpu ? range(r.cpu) : '–',
      r.overhead ? pct(r.overhead.cpu) : '–',
    ]),
  )
}

/** Whole milliseconds with an explicit sign, for the parts of a difference. */
function signedMs(x) {
  if (x === undefined) return '–'
  const v = Math.round(x)
  return `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v)} ms`
}

/**
 * The remainder of a breakdown, for prose. It is a difference of medians of noisy wall times
 * (a run varies by ±5 % or so), so a small or negative one means "nothing measurable".
 */
function restText(x) {
  const v = Math.round(x)
  if (v < 0) return ` and ${Math.abs(v)} ms less elsewhere (within the noise)`
  return ` + ${v} ms elsewhere`
}

function addedTable(rows) {
  return table(
    [
      'Runner',
      'Suite',
      'Variant',
      'per-file set-up (median, all files)',
      'added wall',
      'in the tests',
      'in per-file set-up',
      'elsewhere (start-up, teardown)',
    ],
    rows.map((r) => [
      r.runnerName,
      SUITES[r.suite].label,
      VARIANTS[r.variant],
      r.setup ? ms(r.setup) : '–',
      signedMs(r.added?.wall),
      signedMs(r.added?.inTest),
      signedMs(r.added?.setup),
      signedMs(r.added?.rest),
    ]),
  )
}

function interpret(rows, moduleLoad) {
  const get = (runner, suite, variant) =>
    rows.find((r) => r.runner === runner && r.suite === suite && r.variant === variant)
  const lines = []
  const verdicts = []
  for (const suite of Object.keys(SUITES)) {
    for (const runner of RUNNERS) {
      const on = get(runner.id, suite, 'on')
      const base = get(runner.id, suite, 'off')
      verdicts.push(
        `${runnerName(runner)}, ${SUITES[suite].label}: **${pct(on.overhead.wall)}** wall ` +
          `(${ms(base.wall)} → ${ms(on.wall)}; per-round pairs ${pct(on.overhead.pairedWall.min)} to ${pct(on.overhead.pairedWall.max)}) ` +
          `against a target of ≤ ${Math.round(on.target * 100)} %: **${on.meetsTarget ? 'met' : 'missed'}**.`,
      )
    }
  }
  const missed = rows.filter((r) => r.variant === 'on' && !r.meetsTarget).length
  lines.push(
    `${missed === 0 ? 'Every target of the issue is met' : missed === 4 ? 'No target of the issue is met' : `${missed} of the 4 targets of the issue are missed`}:\n\n${verdicts.map((v) => `- ${v}`).join('\n')}`,
  )

  const syncTests = SUITES.sync.files * SUITES.sync.tests
  const awaits = SUITES.promises.files * SUITES.promises.tests * 1000
  for (const runner of RUNNERS) {
    const [s, sl] = [get(runner.id, 'sync', 'on'), get(runner.id, 'sync', 'leaksOff')]
    const [p, pl] = [get(runner.id, 'promises', 'on'), get(runner.id, 'promises', 'leaksOff')]
    const perFile = (row, suite) => (row.added.setup ?? 0) / SUITES[suite].files
    const µs = (x) => `${Math.round(x)} µs`
    const ns = (x) => `${Math.round(x)} ns`
    lines.push(
      `**${runnerName(runner)}.** Sync suite: ${Math.round(s.added.wall)} ms added = ` +
        `${Math.round(s.added.inTest)} ms in the tests (≈ ${µs((s.added.inTest / syncTests) * 1000)} per test, ` +
        `${pct(s.overhead.inTest, 0)} in-test; with \`leaks: 'off'\` ${Math.round(sl.added.inTest)} ms, so the leak recorder ` +
        `(its async hook and the check at the end of each test) costs ≈ ${µs(((s.added.inTest - sl.added.inTest) / syncTests) * 1000)} per test) + ` +
        `${Math.round(s.added.setup)} ms of per-file set-up (≈ ${Math.round(perFile(s, 'sync'))} ms for each of the ${SUITES.sync.files} files)` +
        `${restText(s.added.rest)} (start-up and teardown). ` +
        `Promise-heavy suite: ${Math.round(p.added.wall)} ms added = ${Math.round(p.added.inTest)} ms in the tests ` +
        `(${ms(get(runner.id, 'promises', 'off').inTest)} → ${ms(p.inTest)}, ≈ ${ns((p.added.inTest / awaits) * 1e6)} per await; ` +
        `≈ ${ns((pl.added.inTest / awaits) * 1e6)} with \`leaks: 'off'\`) + ${Math.round(p.added.setup)} ms of per-file set-up ` +
        `(≈ ${Math.round(perFile(p, 'promises'))} ms for each of the ${SUITES.promises.files} files)${restText(p.added.rest)}. ` +
        `\`leaks: 'off'\` brings the overhead to ${pct(sl.overhead.wall)} (sync) and ${pct(pl.overhead.wall)} (promise-heavy).`,
    )
  }

  const perFileText = RUNNERS.map((runner) => {
    const [a, b] = ['sync', 'promises'].map(
      (suite) => get(runner.id, suite, 'on').added.setup / SUITES[suite].files,
    )
    const similar = Math.abs(a - b) / Math.max(a, b) < 0.35
    return { runner, a, b, similar }
  })
  const loadParts = []
  if (perFileText.every((x) => x.similar)) {
    loadParts.push(
      `The set-up added per test file is about the same in both suites (${perFileText
        .map((x) => `${runnerName(x.runner)}: ${Math.round(x.a)} and ${Math.round(x.b)} ms`)
        .join('; ')}), although their files hold ${SUITES.sync.tests} and ${SUITES.promises.tests} tests: ` +
        'it is paid once per test file, as loading the plugin into each file would be (import times below).',
    )
  }
  if (moduleLoad) {
    const m = Object.fromEntries(moduleLoad.times.map((x) => [x.id, x.median]))
    const { esm, cjs } = moduleLoad.packages
    const withZod = esm.includes('zod') || cjs.includes('zod')
    loadParts.push(
      `A fresh Node process takes ${m.runtimeEsm.toFixed(0)} ms to import the plugin's worker-side runtime ` +
        `(\`dist/esm/_runtime.js\` and what it imports; ${m.runtimeCjs.toFixed(0)} ms as CommonJS). ` +
        (esm.join() === cjs.join()
          ? `Both setup files import ${esm.join(' and ') || 'no other package'} besides the runner`
          : `The Vitest setup file imports ${esm.join(' and ') || 'no other package'}, the Jest one ${cjs.join(' and ') || 'no other package'}`) +
        (withZod
          ? `: zod among them, which alone takes ${m.zodEsm.toFixed(0)} ms to import (${m.zodCjs.toFixed(0)} ms as CommonJS).`
          : `; zod (${m.zodEsm.toFixed(0)} ms to import alone) is not among them.`),
    )
  }
  if (loadParts.length > 0) lines.push(loadParts.join(' '))

  const syncRows = RUNNERS.map((r) => get(r.id, 'sync', 'on'))
  const fixed = syncRows.map((r) => Math.round((r.added.setup ?? 0) + (r.added.rest ?? 0)))
  const budget = syncRows.map((r) => Math.round(get(r.runner, 'sync', 'off').wall.median * TARGETS.sync))
  const closing = [
    `The 5 % target of the sync suite allows ${budget.map((b, i) => `${b} ms (${syncRows[i].runnerName})`).join(' and ')} in all; ` +
      `the per-file set-up and start-up costs alone take ${fixed.map((f) => `${f} ms`).join(' and ')}, before any per-test cost` +
      `${fixed.every((f, i) => f > budget[i]) ? ', so no per-test saving alone can meet it' : ''}. ` +
      'An earlier measurement (docs/design/rejections-research.md, section 3) put an empty `beforeEach` + `afterEach` ' +
      'pair alone at +6.5 % wall on this suite under Vitest 4: any per-test hook pair is already at the limit.',
  ]
  for (const runner of RUNNERS) {
    const p = get(runner.id, 'promises', 'on')
    const pl = get(runner.id, 'promises', 'leaksOff')
    const sl = get(runner.id, 'sync', 'leaksOff')
    const recorder = p.added.inTest - pl.added.inTest
    // What a test costs with leaks off (the sync suite's tests do nothing else), times the number
    // of tests here; what remains is per await.
    const perTest = sl.added.inTest / syncTests
    const tests = SUITES.promises.files * SUITES.promises.tests
    const perAwait = ((pl.added.inTest - perTest * tests) / awaits) * 1e6
    closing.push(
      `On the promise-heavy suite under ${runnerName(runner)}, ${Math.round(pl.added.inTest)} of the ` +
        `${Math.round(p.added.inTest)} ms added in the tests remain with \`leaks: 'off'\`` +
        `${recorder > pl.added.inTest ? ' (the leak recorder is the larger part)' : ' (the leak recorder is the smaller part)'}; ` +
        `at the sync suite's ${Math.round(perTest * 1000)} µs per test for the hooks, ${tests} tests explain ` +
        `${Math.round(perTest * tests)} ms of it and the rest, ≈ ${Math.round(perAwait)} ns per await, is the async context ` +
        '(AsyncLocalStorage, which on Node 20 runs a hook at the creation of every promise): with leaks off, ' +
        'nothing else in the plugin runs per promise.',
    )
  }
  lines.push(closing.join(' '))
  return lines
}

function report({ warmup, rounds, measured, moduleLoad }) {
  const rows = summarise()
  const disturbed = disturbedRuns()
  const badRounds = disturbedRounds()
  const cleanRows =
    badRounds.length > 0 && badRounds.length < measured ? summarise(new Set(badRounds)) : undefined
  const info = machine()
  const date = new Date().toISOString()
  const seconds = roundTo(elapsedS(), 1)
  const interpretation = interpret(rows, moduleLoad)

  const roundRows = rounds.map((r) => {
    const mine = runs.filter((x) => x.round === r.round)
    const flagged = disturbed.filter((d) => d.run.round === r.round)
    const worst = flagged.reduce((max, d) => (Math.abs(d.off) > Math.abs(max) ? d.off : max), 0)
    const other = Math.max(...mine.map((x) => x.foreignCores ?? 0))
    return [
      r.round,
      r.loadAverage.toFixed(2),
      r.waitedS > 0 ? `${r.waitedS} s` : '–',
      `${other.toFixed(2)} cores`,
      `${flagged.length} of ${mine.length}`,
      flagged.length > 0 && worst !== 0 ? pct(worst, 0) : '–',
    ]
  })
  const roundTable = table(
    [
      'Round',
      'load average at start',
      'waited for quiet',
      'other processes (most during one run)',
      'runs flagged',
      'largest flagged deviation',
    ],
    roundRows,
  )
  const disturbance = [
    disturbed.length === 0
      ? `No run looked disturbed: every wall time was within ±${OUTLIER * 100} % of its variant's median and other processes never used more than ${FOREIGN_CORES} cores during a run.`
      : `Rounds ${badRounds.join(', ')} had disturbed runs (${disturbed.length} of ${runs.length} runs: wall time more than ±${OUTLIER * 100} % from the median of its variant, or other processes using more than ${FOREIGN_CORES} cores meanwhile). They are kept, not dropped: every median above includes them. The runs are listed one by one in rejections.json (\`disturbed\`).`,
    ...(cleanRows
      ? [
          '',
          `Without the disturbed rounds, over the ${measured - badRounds.length} others, the overhead of "plugin on" reads: ${cleanRows
            .filter((r) => r.variant === 'on')
            .map((r) => `${r.runnerName} ${SUITES[r.suite].label} ${pct(r.overhead.wall)}`)
            .join('; ')}.`,
        ]
      : []),
    '',
    roundTable,
    '',
    `"Other processes" is the machine's busy CPU time (/proc/stat) minus that of the run and of this script, per`,
    `run; the "load average" includes the benchmark itself (a run keeps about 1.3 cores busy). Before each round`,
    `the benchmark waits, up to ${MAX_WAIT_S} s (${MAX_TOTAL_WAIT_S} s in all), for other processes to drop below ${FOREIGN_CORES} cores.`,
  ].join('\n')

  const warnings = [...new Set(runs.flatMap((r) => r.warnings))].map((text) => {
    const seen = runs.filter((r) => r.warnings.includes(text))
    const where = [...new Set(seen.map((r) => `${r.runner} ${r.suite} ${r.variant}`))]
    return { text, runs: seen.length, of: runs.length, where }
  })
  const sections = [
    ['Wall time of the whole runner process', wallTable(rows)],
    ['In-test time and CPU time', innerTable(rows)],
    ['Where the added wall time goes', addedTable(rows)],
  ]
  for (const [title, text] of sections) console.log(`\n${title}\n\n${text}`)
  console.log(`\n${interpretation.join('\n\n')}\n\n${disturbance}\n`)
  console.log(`${info.cpu}, ${info.cores} cores, Node ${info.node}, ${seconds} s`)
  if (quick) return

  const json = {
    benchmark: 'rejections',
    package: '@steadfast/rejections',
    version,
    distSha256,
    commit,
    date,
    machine: info,
    durationSeconds: seconds,
    unit: 'ms',
    runners: RUNNERS.map(({ id, version }) => ({ id, version })),
    settings: {
      rounds: measured,
      warmupRounds: 1,
      seed,
      suites: Object.fromEntries(
        Object.entries(SUITES).map(([id, s]) => [
          id,
          { files: s.files, testsPerFile: s.tests, detail: s.detail },
        ]),
      ),
      variants: VARIANTS,
      targets: TARGETS,
      disturbed: { foreignCores: FOREIGN_CORES, outlier: OUTLIER },
    },
    results: rows,
    resultsWithoutDisturbedRounds: cleanRows,
    disturbed: disturbed.map((d) => ({
      round: d.run.round,
      runner: d.run.runner,
      suite: d.run.suite,
      variant: d.run.variant,
      wallMs: d.run.wallMs,
      reasons: d.reasons,
    })),
    moduleLoad,
    rounds,
    waitedForQuietSeconds: roundTo(totalWaitS, 1),
    runs: runs.map(({ warnings: _, ...r }) => r),
    warmup: warmup.map(({ warnings: _, ...r }) => r),
    runnerWarnings: warnings,
    interpretation,
  }

  const markdown = [
    '# @steadfast/rejections: overhead benchmark',
    '',
    `Generated by \`bench/rejections.bench.mjs\` (\`pnpm --filter @steadfast/bench bench rejections\`) against the`,
    `built package, @steadfast/rejections ${version}, on ${date.slice(0, 10)}. Each number comes from a real`,
    `runner process on a generated fixture project. The raw numbers, run by run, are in [rejections.json](./rejections.json).`,
    '',
    table(
      ['Machine', ''],
      [
        ...machineRows(info),
        ['Runners', RUNNERS.map(runnerName).join(', ')],
        [
          'Build measured',
          `\`packages/rejections/dist\` sha256 ${distSha256}…, repository at ${commit?.slice(0, 7) ?? 'unknown'}`,
        ],
        [
          'Rounds',
          `${measured} measured (after 1 discarded warm-up), every variant once per round, in random order (seed ${seed})`,
        ],
        ['Run time', `${seconds} s`],
      ],
    ),
    '',
    '## What the numbers say',
    '',
    interpretation.join('\n\n'),
    '',
    'Wall time includes the runner start-up, which is most of a run this short, so the in-test column',
    'is the sharper view of the per-test and per-await cost; wall time is what the issue targets.',
    '',
    '## Wall time of the whole runner process',
    '',
    `Overhead = median of the variant / median of "plugin off" − 1. The paired column is the same ratio`,
    'taken within each round (the two runs were seconds apart), then its median and range over the rounds.',
    '',
    wallTable(rows),
    '',
    '## In-test time and CPU time',
    '',
    '"In-test" is, per test file, from the start of its first test to the end of its last (each test',
    'with its beforeEach/afterEach hooks), summed over the files, read from the JSON report of the runner',
    '(Vitest gives sub-millisecond times, Jest whole milliseconds). It leaves out start-up, module loading,',
    'setup files and beforeAll/afterAll. CPU is user + system time of the runner process and the workers it',
    'waited for (Linux, 10 ms ticks); they overlap, so CPU can exceed wall time.',
    '',
    innerTable(rows),
    '',
    '## Where the added wall time goes',
    '',
    'Both runners run one test file at a time on this machine (their default: one worker fewer than the',
    'cores), so per-file times add up to wall time. "Per-file set-up" is, for Vitest, its own `setup` figure',
    "(time spent running setup files, from its summary line); for Jest, each file's time outside its tests",
    '(environment, setup files, loading the test file, beforeAll/afterAll). Each is summed over the files.',
    '"Elsewhere" is the added wall time minus the other two: start-up (config, plugin, global setup or',
    'reporter), scheduling and teardown. Differences of medians, so the parts add up only roughly.',
    '',
    addedTable(rows),
    '',
    ...(moduleLoad
      ? [
          'Import time of the modules a test file loads with the plugin, each in a fresh Node process',
          '(what the setup files import: Vitest, ESM: ' +
            `${moduleLoad.packages.esm.join(', ') || 'nothing else'}; Jest, CommonJS: ${moduleLoad.packages.cjs.join(', ') || 'nothing else'}; zod for comparison)`,
          `(${moduleLoad.times[0].n} runs each, interleaved; median and range):`,
          '',
          table(
            ['Module', 'import (median)', 'min–max'],
            moduleLoad.times.map((x) => [
              x.label,
              `${x.median.toFixed(1)} ms`,
              `${x.min.toFixed(1)}–${x.max.toFixed(1)}`,
            ]),
          ),
          '',
        ]
      : []),
    '## Was the machine quiet?',
    '',
    disturbance,
    ...(warnings.length > 0
      ? [
          '',
          'The runner printed these warnings (the tests all passed):',
          '',
          ...warnings.map(
            (w) => `- \`${w.text}\`: in ${w.runs} of ${w.of} measured runs (${w.where.join(', ')}).`,
          ),
          '',
          "Jest soft-deletes what a test file's globals held once the file is done, and warns when one is read",
          'afterwards. Traced with `--trace-deprecation` on this build: `realProcess()` (`_context.js`) reads',
          '`parentProcess` from the circus state of the sandbox its copy of the package was loaded in, and it',
          "is still called from the copy loaded by an earlier test file: by the leak recorder's `init` hook",
          "(the first file's) when the reporter creates a timer, and, with `leaks: 'off'`, by",
          "`Catcher.uninstall()` when the next file's setup runs. Users see the warning, and Jest says the soft",
          'deletion will become a real one.',
        ]
      : []),
    '',
    '## How it is measured',
    '',
    ...Object.values(SUITES).map((s) => `- **${s.label}**: ${s.detail}.`),
    '- Variants: no plugin; the plugin with its defaults (Vitest: `plugins: [rejections()]` from',
    "  `@steadfast/rejections/vitest`; Jest: `setupFilesAfterEnv: ['@steadfast/rejections/jest']` and the",
    "  `@steadfast/rejections/jest-reporter` reporter beside `default`); the same with `leaks: 'off'` (Jest:",
    '  `steadfast.config.json`), which leaves out the `async_hooks` init hook that records handle creation.',
    '- Every runner × suite × variant is its own fixture project in a temp folder, with a copy of each',
    '  built @steadfast package and the runner linked in, run with the runner defaults (`vitest run`, `jest',
    '  --ci`), a JSON report, `CI=true` and no colour. Jest runs with `transform: {}` (plain CommonJS).',
    "- One warm-up round is discarded (it fills the runners' caches); then every round runs all",
    `  ${jobs.length} projects once each in a fresh random order, so drift in the machine's load hits all`,
    '  variants alike. Medians throughout; the ranges show the spread.',
    `- A run counts as disturbed when its wall time is more than ±${OUTLIER * 100} % from its variant's median, or`,
    `  when other processes used more than ${FOREIGN_CORES} cores while it ran (machine busy time from /proc/stat`,
    '  minus the CPU time of the run itself). Up to three extra rounds are added to make up for such rounds.',
    '',
  ].join('\n')
  const written = writeResults('rejections', json, markdown)
  console.log(`Wrote ${written.join(', ')}`)
}

/**
 * How long a fresh Node process takes to load the plugin's worker-side runtime and zod, ESM and
 * CommonJS, from a fixture project (the copied package, as a user has it). Interleaved, medians.
 */
function measureModuleLoad(dir) {
  const script = join(dir, 'import-time.mjs')
  writeFileSync(
    script,
    [
      "import { createRequire } from 'node:module'",
      'const [how, target] = process.argv.slice(2)',
      'const start = performance.now()',
      "if (how === 'import') await import(target)",
      'else createRequire(import.meta.url)(target)',
      'process.stdout.write(String(performance.now() - start))',
      '',
    ].join('\n'),
  )
  const dist = join(dir, 'node_modules', '@steadfast', 'rejections', 'dist')
  const targets = [
    {
      id: 'runtimeEsm',
      how: 'import',
      target: join(dist, 'esm', '_runtime.js'),
      label: '`@steadfast/rejections` worker runtime (ESM, `dist/esm/_runtime.js` and its imports)',
    },
    {
      id: 'runtimeCjs',
      how: 'require',
      target: join(dist, 'cjs', '_runtime.js'),
      label: 'the same, CommonJS (`dist/cjs/_runtime.js`)',
    },
    { id: 'zodEsm', how: 'import', target: 'zod', label: '`zod` alone (ESM)' },
    { id: 'zodCjs', how: 'require', target: 'zod', label: '`zod` alone (CommonJS)' },
  ]
  const samples = Object.fromEntries(targets.map((t) => [t.id, []]))
  const n = quick ? 3 : 7
  for (let i = 0; i < n; i++) {
    for (const t of shuffle(targets, rand)) {
      const child = spawnSync(process.execPath, [script, t.how, t.target], { cwd: dir, encoding: 'utf8' })
      if (child.status !== 0) throw new Error(`loading ${t.target} failed: ${child.stderr}`)
      samples[t.id].push(Number(child.stdout))
    }
  }
  return {
    times: targets.map((t) => ({ id: t.id, label: t.label, n, ...stats(samples[t.id]) })),
    // Which packages each runner's setup file pulls in when it loads (static imports and requires).
    packages: {
      esm: [...packagesReached(dir, join(dist, 'esm', 'vitest-setup.js'), 'esm')].filter(
        (p) => p !== 'vitest',
      ),
      cjs: [...packagesReached(dir, join(dist, 'cjs', 'jest.js'), 'cjs')],
    },
  }
}

/**
 * The third-party and @steadfast packages a built module statically imports or requires, following
 * relative imports and the @steadfast packages' own dist (`flavour`: esm or cjs). Literal
 * specifiers only: a lazy `require(variable)` is not followed.
 */
function packagesReached(dir, file, flavour, seen = new Set(), found = new Set()) {
  if (seen.has(file)) return found
  seen.add(file)
  const text = readFileSync(file, 'utf8')
  const literal =
    /(?:\bfrom[ \t]*|\bimport[ \t]*\([ \t]*|\brequire\([ \t]*|^import[ \t]+)['"]([^'"\n]+)['"]/gm
  for (const [, spec] of text.matchAll(literal)) {
    if (spec.startsWith('node:')) continue
    if (spec.startsWith('.')) {
      packagesReached(dir, join(dirname(file), spec), flavour, seen, found)
      continue
    }
    const name = /^(?:@[\w.-]+\/)?[\w.-]+/.exec(spec)?.[0]
    if (!name) continue
    found.add(name)
    if (name.startsWith('@steadfast/')) {
      const entry = join(dir, 'node_modules', name, 'dist', flavour, 'index.js')
      if (existsSync(entry)) packagesReached(dir, entry, flavour, seen, found)
    }
  }
  return found
}

/** A short hash of the package's dist as copied into the fixtures: which build was measured. */
function distHash(dist) {
  const hash = createHash('sha256')
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else hash.update(name).update(readFileSync(path))
    }
  }
  walk(dist)
  return hash.digest('hex').slice(0, 16)
}

function gitHead() {
  const result = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' })
  return result.status === 0 ? result.stdout.trim() : undefined
}

// ---------------------------------------------------------------------------------------------

try {
  const warmup = await runRound(0)
  const rounds = []
  let measured = 0
  const measure = async () => {
    const { load, quiet, results } = await runRound(measured + 1)
    rounds.push({ round: measured + 1, loadAverage: round2(load), ...quiet })
    runs.push(...results)
    measured++
  }
  while (measured < ROUNDS) await measure()
  // Make up for disturbed rounds with extra ones, within the time budget. They are kept and shown,
  // not replaced: the extra rounds only make sure enough clean ones are in the medians.
  const extra = Math.min(MAX_EXTRA_ROUNDS, disturbedRounds().length)
  for (let i = 0; i < extra && elapsedS() + elapsedS() / (measured + 1) < BUDGET_S; i++) await measure()
  const moduleLoad = measureModuleLoad(jobs.find((j) => j.runner.kind === 'vitest' && j.variant === 'on').dir)
  report({ warmup: warmup.results, rounds, measured, moduleLoad })
} finally {
  const kept = await cleanupFixtures()
  if (kept.length > 0) console.log(`Kept the fixture projects: ${kept.join(' ')}`)
}
