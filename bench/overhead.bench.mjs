// The whole suite's overhead (issues 7 and 12): real Vitest and Jest processes run a suite plain and
// with everything on (Vitest `plugins: [steadfast()]`, Jest `withSteadfast(config)`), and with each
// part alone (`--parts`) to tell what costs what. Interleaved rounds, medians and ratios paired
// within a round: wall time, CPU time of the process tree, peak memory. Runs against the built
// packages (`pnpm build` first).
//
// A cell is runner × Node × pool × suite. Each invocation measures the cells its options name, one
// after the other, and writes each to docs/bench/overhead/<cell>.json (a `--parts` run to
// <cell>.parts.json) as soon as it is measured; docs/bench/overhead.md and overhead.json are then
// regenerated from every cell file present, so invocations accumulate into one page.
//
//   --suite=generated|remeda|commander   the suite (default generated: 5,000 tests in 200 files,
//                                        `--files=N` for a smaller copy); a real suite needs its
//                                        checkout: --suite-dir=PATH or STEADFAST_BENCH_SUITE_DIR
//                                        (repository and commit in bench/_suites.mjs and the page)
//   --node=24|20|26                      the Node binary the runner runs on (default 24; a list
//                                        such as --node=24,20 measures each in turn)
//   --pool=forks|threads-shared          Vitest's default forks pool (isolated files), or `pool:
//                                        'threads', isolate: false`; given as CLI flags to every
//                                        variant alike. Jest has no such pool: skipped there
//   --runner=vitest4,jest30              runners of the generated suite (a real suite brings its own)
//   --parts | --variants=plain,on,...    each part alone too, or any list of variants
//   --rounds=N                           measured rounds after one discarded warm-up (default 5,
//                                        STEADFAST_BENCH_ROUNDS)
//   --check-runs=N                       plain runs of a real suite that find failing or flaky test
//                                        files, set aside before measuring (default 3)
//   --out=DIR                            write there instead of docs/bench (a scratch page)
//   --page-only                          measure nothing: regenerate the page from the cell files
//   --quick                              1 round, nothing written
//   --icount                             count instructions instead of timing (bench/_overhead-icount.mjs):
//                                        --files=4 generated files by default, Vitest forks and threads
//                                        without isolation and Jest in band, one counted run a variant;
//                                        --change="..." names what is measured in the page's history
//
//   node bench/run.mjs overhead                       generated suite, Vitest and Jest, Node 24, forks
//   node bench/overhead.bench.mjs --node=20 --pool=threads-shared --runner=vitest4
//   node bench/overhead.bench.mjs --suite=remeda --suite-dir=../remeda
//   node bench/overhead.bench.mjs --icount --parts --node=24,20 --change="one setup file for Jest"
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import {
  cleanupFixtures,
  createFixture,
  runnerInfo,
  runRunner,
  sampleMemory,
  WORKSPACE_PACKAGES,
} from './_fixture.mjs'
import { ensureValgrind } from './_icount.mjs'
import { hr, machine, msBetween, quick, repoRoot } from './_lib.mjs'
import { appendInstructionRecord, ICOUNT_POOLS, measureInstructions } from './_overhead-icount.mjs'
import {
  AWAITS,
  cellId,
  PARTS,
  PER_FILE,
  readCells,
  summarise,
  VARIANTS,
  writeCell,
  writeOverheadPage,
} from './_overhead-page.mjs'
import { prepareSuite, SUITES } from './_suites.mjs'

const option = (name) =>
  process.argv
    .find((arg) => arg.startsWith(`--${name}=`))
    ?.split('=')
    .slice(1)
    .join('=')
const list = (name, fallback) => (option(name) ?? fallback).split(',').filter(Boolean)
const OUT = option('out') ?? join(repoRoot, 'docs', 'bench')
const ICOUNT = process.argv.includes('--icount')

if (process.argv.includes('--page-only')) {
  const written = writeOverheadPage(OUT)
  console.log(`wrote ${written.join(', ')} from ${readCells(OUT).length} cells`)
  process.exit(0)
}

const ROUNDS = Number(option('rounds') ?? process.env.STEADFAST_BENCH_ROUNDS ?? (quick ? 1 : 5))
const CHECK_RUNS = Number(option('check-runs') ?? 3)
const { version } = JSON.parse(readFileSync(join(WORKSPACE_PACKAGES.steadfast, 'package.json'), 'utf8'))

// ---------------------------------------------------------------------------------------------
// Node binaries: the npm packages node@24 / node@26 in tests/node_modules, or this process's own
// when it is the major asked for (Node 20, which the repo's tools run on).

function nodeBinary(major) {
  const own = process.versions.node.split('.')[0]
  const bin =
    own === major ? process.execPath : join(repoRoot, 'tests', 'node_modules', `node${major}`, 'bin', 'node')
  if (!existsSync(bin))
    throw new Error(
      `No Node ${major}: not this process's (${process.version}) and no ${bin}. Node 24 and 26 come from ` +
        'tests/package.json (`pnpm install`); run the bench with Node 20 itself for --node=20.',
    )
  const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()
  if (version.split('.')[0] !== `v${major}`) throw new Error(`${bin} is ${version}, not Node ${major}`)
  return { major: Number(major), bin, version }
}

// ---------------------------------------------------------------------------------------------
// The generated suite: FILES files × 25 tests. Each file, inside one describe with a beforeEach:
// 12 sync tests, 8 async tests (a few awaits and a turn of the event loop; one of them a 1 ms
// timer), 5 promise-heavy tests (1,000 awaits each). Written out test by test, as a real suite would be.

/** `--files=N` makes a smaller suite of the same files, for trying a change or profiling. */
const FILES = Number(option('files') ?? (ICOUNT ? 4 : 200))
const GENERATED_TESTS = FILES * (PER_FILE.sync + PER_FILE.async + PER_FILE.promises)

function testFile(runner, f) {
  const tests = []
  for (let i = 0; i < PER_FILE.sync; i++)
    tests.push(
      i % 2
        ? `  test('sync ${i}: object equality', () => {\n    expect({ id: ${i}, tags: ['a', 'b'], n: base + ${i} }).toEqual({ id: ${i}, tags: ['a', 'b'], n: ${f + i} })\n  })`
        : `  test('sync ${i}: arithmetic', () => {\n    let sum = 0\n    for (let j = 0; j < 100; j++) sum += j\n    expect(sum + base).toBe(${4950 + f})\n  })`,
    )
  for (let i = 0; i < PER_FILE.async; i++)
    tests.push(
      i === 0
        ? `  test('async ${i}: a short timer', async () => {\n    await new Promise((resolve) => setTimeout(resolve, 1))\n    expect(base).toBe(${f})\n  })`
        : `  test('async ${i}: a few awaits and a turn of the loop', async () => {\n    const value = await Promise.resolve(${i}).then((x) => x + base)\n    await new Promise((resolve) => setImmediate(resolve))\n    const all = await Promise.all([value, Promise.resolve(1), (async () => 2)()])\n    expect(all).toEqual([${i + f}, 1, 2])\n  })`,
    )
  for (let i = 0; i < PER_FILE.promises; i++)
    tests.push(
      `  test('promises ${i}: ${AWAITS} awaits', async () => {\n    let sum = 0\n    for (let j = 0; j < ${AWAITS}; j++) sum += await Promise.resolve(j)\n    expect(sum).toBe(${(AWAITS * (AWAITS - 1)) / 2})\n  })`,
    )
  const header =
    runner.kind === 'vitest' ? "import { beforeEach, describe, expect, test } from 'vitest'\n\n" : ''
  return `${header}describe('file ${f}', () => {\n  let base = -1\n  beforeEach(() => {\n    base = ${f}\n  })\n\n${tests.join('\n\n')}\n})\n`
}

/** A part alone: the other parts switched off. */
const onlyPart = (part) => Object.fromEntries(PARTS.filter((p) => p !== part).map((p) => [p, false]))
/** The options a variant passes to `steadfast()` / `withSteadfast()`: none for everything on. */
const variantOptions = (variant) => (variant === 'on' || variant === 'plain' ? undefined : onlyPart(variant))

function configFiles(runner, variant) {
  if (runner.kind === 'vitest') {
    // Generous timeouts: a run under Valgrind (--icount) is 30-60 times slower.
    const test = 'test: { testTimeout: 60000, hookTimeout: 60000, teardownTimeout: 60000 }'
    if (variant === 'plain') return { 'vitest.config.mjs': `export default { ${test} }\n` }
    const options = variant === 'on' ? '' : JSON.stringify(onlyPart(variant))
    return {
      'vitest.config.mjs': `import steadfast from 'steadfast/vitest'\n\nexport default { plugins: [steadfast(${options})], ${test} }\n`,
    }
  }
  const base = "testEnvironment: 'node', transform: {}, testTimeout: 60000"
  if (variant === 'plain') return { 'jest.config.js': `module.exports = { ${base} }\n` }
  const options = variant === 'on' ? '' : `, ${JSON.stringify(onlyPart(variant))}`
  return {
    'jest.config.js': `const { withSteadfast } = require('steadfast/jest')\n\nmodule.exports = withSteadfast({ ${base} }${options})\n`,
  }
}

function projectFiles(runner, variant) {
  const files = { ...configFiles(runner, variant) }
  files['package.json'] = JSON.stringify(
    runner.kind === 'vitest'
      ? { name: 'bench', private: true, type: 'module' }
      : { name: 'bench', private: true },
  )
  for (let f = 0; f < FILES; f++)
    files[`tests/file-${String(f).padStart(3, '0')}.test.js`] = testFile(runner, f)
  return files
}

// ---------------------------------------------------------------------------------------------
// Options.

const suiteNames = list('suite', 'generated')
for (const name of suiteNames)
  if (name !== 'generated' && !(name in SUITES))
    throw new Error(`No suite "${name}": generated, ${Object.keys(SUITES).join(', ')}`)
const nodeMajors = list('node', '24')
const POOLS = {
  forks: { args: ['--pool=forks', '--isolate'], label: "forks (Vitest's default, isolated files)" },
  'threads-shared': { args: ['--pool=threads', '--no-isolate'], label: 'threads, isolate: false' },
}
const pools = list('pool', ICOUNT ? Object.keys(ICOUNT_POOLS).join(',') : 'forks')
for (const pool of pools) if (!(pool in POOLS)) throw new Error(`No pool "${pool}": ${Object.keys(POOLS)}`)
const generatedRunners = list('runner', 'vitest4,jest30').map(runnerInfo)
const defaultVariants = process.argv.includes('--parts') ? Object.keys(VARIANTS) : ['plain', 'on']
const variantIds = option('variants')?.split(',') ?? defaultVariants
for (const id of variantIds)
  if (!(id in VARIANTS)) throw new Error(`No variant "${id}": ${Object.keys(VARIANTS)}`)
if (!variantIds.includes('plain')) throw new Error('The variants must include plain: every ratio is to it')
const suiteDir = option('suite-dir') ?? process.env.STEADFAST_BENCH_SUITE_DIR
if (suiteNames.filter((name) => name !== 'generated').length > 1 && suiteDir)
  throw new Error('One real suite an invocation: --suite-dir names one checkout')
const nodes = nodeMajors.map(nodeBinary)

// ---------------------------------------------------------------------------------------------
// One run.

/**
 * The runner's closing counts: "Tests  2192 passed | 10 expected fail | 1 todo (2203)" (Vitest)
 * or "Tests:       5 skipped, 1369 passed, 1374 total" (Jest).
 */
function testCounts(output) {
  const line = /^\s*Tests:?\s+(.*\d.*)$/m.exec(output)?.[1] ?? ''
  const count = (re) => Number(re.exec(line)?.[1] ?? 0)
  return {
    passed: count(/(\d+) passed/),
    failed: count(/(\d+) failed/),
    total: Number((/\((\d+)\)\s*$/.exec(line) ?? /(\d+) total/.exec(line))?.[1] ?? Number.NaN),
  }
}

async function runOnce(job, cell) {
  await job.before?.()
  let pid
  const stop = sampleMemory(() => pid)
  const run = await runRunner(cell.runner, job.dir, cell.args, {
    node: cell.node.bin,
    timeout: 1_800_000,
    onSpawn: (child) => {
      pid = child.pid
    },
  })
  const { peakKb, largestHwmKb } = stop()
  const output = `${run.stdout}\n${run.stderr}`
  const counts = testCounts(output)
  cell.expected ??= counts
  if (
    run.exitCode !== 0 ||
    counts.failed > 0 ||
    counts.passed !== cell.expected.passed ||
    counts.total !== cell.expected.total
  )
    throw new Error(
      `${cell.id} ${job.variant}: exit ${run.exitCode}, ${counts.passed} of ${counts.total} passed, ` +
        `${counts.failed} failed (expected ${cell.expected.passed} of ${cell.expected.total} passed)\n${output.slice(-4000)}`,
    )
  return {
    wallMs: Math.round(run.wallMs),
    cpuMs: run.cpuMs,
    peakRssMb: Math.round(peakKb / 1024),
    largestProcessMb: Math.round(largestHwmKb / 1024),
  }
}

/** Interleaved rounds of the cell's jobs; writes the cell file unless --quick. */
async function measureCell(cell) {
  const started = hr()
  const loadAtStart = os.loadavg()[0]
  console.log(
    `\n${cell.id}: ${cell.suite.tests} tests in ${cell.suite.files} files, ${cell.runnerName} on Node ${cell.node.version}, ` +
      `${cell.pool}; ${variantIds.join(', ')}; ${ROUNDS} rounds after a warm-up`,
  )
  const runs = []
  const roundLoads = []
  for (let round = 0; round <= ROUNDS; round++) {
    // Interleaved: every job once a round, the order reversed every other round (plain first, then last).
    const order = round % 2 ? [...cell.jobs].reverse() : cell.jobs
    const load = os.loadavg()[0]
    const line = []
    for (const job of order) {
      const result = await runOnce(job, cell)
      if (round > 0) runs.push({ round, variant: job.variant, ...result })
      line.push(
        `${job.variant} ${(result.wallMs / 1000).toFixed(1)} s/${(result.cpuMs / 1000).toFixed(1)} s cpu`,
      )
    }
    if (round > 0) roundLoads.push({ round, loadAtStart: Math.round(load * 100) / 100 })
    console.log(`${round === 0 ? 'warm-up' : `round ${round}`} (load ${load.toFixed(2)}): ${line.join(', ')}`)
  }
  const results = variantIds.map((variant) => summarise(runs, variant))
  const pct = (x) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`
  for (const r of results)
    if (r.variant !== 'plain')
      console.log(
        `${cell.id} ${r.variant}: wall ${pct(r.wall.paired.median)}, cpu ${pct(r.cpu.paired.median)} (paired medians)`,
      )
  const elapsedS = Math.round(msBetween(started, hr()) / 1000)
  const record = {
    cell: cell.id,
    parts: variantIds.some((v) => PARTS.includes(v)),
    package: 'steadfast',
    version,
    date: new Date().toISOString(),
    machine: { ...machine(), node: cell.node.version, benchNode: process.version },
    runner: {
      id: cell.runner.id,
      kind: cell.runner.kind,
      version: cell.runner.version,
      name: cell.runnerName,
    },
    node: { major: cell.node.major, version: cell.node.version },
    pool: cell.pool,
    poolArgs: cell.poolArgs,
    args: cell.args,
    suite: cell.suite,
    variants: variantIds,
    rounds: ROUNDS,
    quick,
    loadAtStart: Math.round(loadAtStart * 100) / 100,
    roundLoads,
    elapsedS,
    command: commandFor(cell),
    results,
    runs,
  }
  if (!quick) console.log(`wrote ${writeCell(OUT, record)}`)
  return record
}

/** The command that measures this cell again (for the page). */
function commandFor(cell) {
  const parts = ['node bench/overhead.bench.mjs', `--suite=${cell.suite.name}`]
  if (cell.suite.name === 'generated') {
    parts.push(`--runner=${cell.runner.id}`)
    if (FILES !== 200) parts.push(`--files=${FILES}`)
  } else parts.push(`--suite-dir=<checkout of ${cell.suite.repo}>`)
  parts.push(`--node=${cell.node.major}`, `--pool=${cell.pool}`)
  if (variantIds.length === Object.keys(VARIANTS).length) parts.push('--parts')
  else if (variantIds.join() !== 'plain,on') parts.push(`--variants=${variantIds.join(',')}`)
  parts.push(`--rounds=${ROUNDS}`)
  return parts.join(' ')
}

/** A fixture project of the generated suite for each variant, written to a temp folder. */
async function generatedJobs(runner, label) {
  const jobs = []
  for (const variant of variantIds)
    jobs.push({
      variant,
      dir: await createFixture(runner, projectFiles(runner, variant), `${label}-${runner.id}-${variant}`),
    })
  return jobs
}

// ---------------------------------------------------------------------------------------------

if (ICOUNT) {
  if (suiteNames.join() !== 'generated') throw new Error('--icount counts the generated suite only')
  ensureValgrind()
  const change = option('change')
  for (const runner of generatedRunners) {
    const jobs = await generatedJobs(runner, 'icount')
    for (const node of nodes)
      for (const pool of pools) {
        if (!ICOUNT_POOLS[pool][runner.kind]) continue
        const record = await measureInstructions({
          runner,
          node,
          pool,
          files: FILES,
          tests: GENERATED_TESTS,
          jobs,
          change,
        })
        if (!quick) console.log(`wrote ${appendInstructionRecord(OUT, record)}`)
      }
    await cleanupFixtures()
  }
  if (!quick) console.log(`wrote ${writeOverheadPage(OUT).join(', ')}`)
  process.exit(0)
}

const runnerName = (runner) => `${runner.kind === 'vitest' ? 'Vitest' : 'Jest'} ${runner.version}`
const startedAt = hr()
console.log(
  `steadfast ${version}: suites ${suiteNames.join(', ')}; Node ${nodes.map((n) => n.version).join(', ')}; ` +
    `pools ${pools.join(', ')}; ${variantIds.join(', ')}; ${ROUNDS} rounds${quick ? ' (quick: nothing is written)' : ''}`,
)
const measured = []
const skipped = []
for (const suiteName of suiteNames) {
  if (suiteName === 'generated') {
    for (const runner of generatedRunners) {
      const jobs = await generatedJobs(runner, 'overhead')
      for (const node of nodes)
        for (const pool of pools) {
          if (runner.kind === 'jest' && pool !== 'forks') {
            skipped.push(`${runner.id} ${pool}: Jest has no shared-context pool (not applicable)`)
            continue
          }
          const suite = {
            name: 'generated',
            key: FILES === 200 ? 'generated' : `generated-${FILES}f`,
            files: FILES,
            tests: GENERATED_TESTS,
          }
          const args = runner.kind === 'vitest' ? ['run', ...POOLS[pool].args] : ['--ci', '--no-watchman']
          const cell = {
            id: cellId({ runner: runner.id, node: node.major, pool, suite: suite.key }),
            runner,
            runnerName: runnerName(runner),
            node,
            pool,
            poolArgs: runner.kind === 'vitest' ? POOLS[pool].args : [],
            args,
            suite,
            jobs,
            expected: { passed: GENERATED_TESTS, failed: 0, total: GENERATED_TESTS },
          }
          measured.push(await measureCell(cell))
        }
      await cleanupFixtures()
    }
    continue
  }
  const prepared = await prepareSuite(suiteName, suiteDir)
  try {
    for (const node of nodes)
      for (const pool of pools) {
        if (prepared.runner.kind === 'jest' && pool !== 'forks') {
          skipped.push(`${suiteName} ${pool}: Jest has no shared-context pool (not applicable)`)
          continue
        }
        const poolArgs = prepared.runner.kind === 'vitest' ? POOLS[pool].args : []
        const suite = await prepared.check({ poolArgs, node: node.bin, checkRuns: CHECK_RUNS })
        suite.key = suiteName
        const cell = {
          id: cellId({ runner: prepared.runner.id, node: node.major, pool, suite: suiteName }),
          runner: prepared.runner,
          runnerName: runnerName(prepared.runner),
          node,
          pool,
          poolArgs,
          args: prepared.argsOf(poolArgs),
          suite,
          jobs: variantIds.map((variant) => ({
            variant,
            dir: prepared.dir,
            before: () => prepared.writeConfig(variant, variantOptions(variant)),
          })),
        }
        measured.push(await measureCell(cell))
      }
  } finally {
    if (process.env.STEADFAST_KEEP_FIXTURES !== '1') await rm(prepared.root, { recursive: true, force: true })
  }
}
for (const line of skipped) console.log(`skipped ${line}`)
console.log(`${measured.length} cells in ${Math.round(msBetween(startedAt, hr()) / 1000)} s`)
if (!quick) {
  const written = writeOverheadPage(OUT)
  console.log(`wrote ${written.join(', ')} from ${readCells(OUT).length} cells`)
}
