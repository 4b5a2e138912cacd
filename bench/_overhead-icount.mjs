// The overhead benchmark's yardstick (issue 29): CPU instructions per process, counted by Valgrind
// (bench/_icount.mjs), of a few generated test files run plain, with everything on and with each
// part alone. Wall time on this machine moves ±20 % between paired rounds and cannot settle a 3 %
// question; instruction counts move well under 1 %, so one counted run a variant decides.
//
// A cell is runner × Node × pool × file count. Its history file, overhead/icount/<cell>.json, holds
// one record per measurement, appended: the page's tables read the latest record of each cell, and
// its list of changes reads them all (the before and after of each change, named by --change).
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { delimiter, dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runnerEnv } from '../scripts/fixture-project.mjs'
import { runRunner } from './_fixture.mjs'
import { countInstructions, totals } from './_icount.mjs'
import { jsonFilesIn, machine, nodeRank, repoRoot, table } from './_lib.mjs'

/**
 * What each cell measures. Vitest forks: a process per test file, so the worker median is the cost
 * of a test file. Vitest threads without isolation and Jest in band: the files run in one process,
 * so the whole run is the measure, and (variant − plain) / tests what a test costs.
 */
export const ICOUNT_POOLS = {
  forks: { vitest: ['--pool=forks', '--isolate'], jest: ['--runInBand'] },
  'threads-shared': { vitest: ['--pool=threads', '--no-isolate'] },
}

/** What Jest's main process does of ours once a run, counted apart (see measureInstructions). */
const JEST_MAIN = fileURLToPath(new URL('./_jest-main.cjs', import.meta.url))

/** V8's random seed, fixed in every counted process (see measureInstructions). */
const SEED = '--random-seed=3'

/** A record's measure: the median worker of Vitest's forks, else the whole run. */
const measureOf = (record) =>
  record.runner.kind === 'vitest' && record.pool === 'forks' ? 'workerMedian' : 'total'

/** The targets of issue 29, as ratios of a variant's measure to plain's (Node 24), and Node 20's. */
export const ICOUNT_TARGETS = { on: 1.03, rejections: 1.02, warnings: 1.01, respawn: 1.005, perf: 1.005 }
export const ICOUNT_TARGET_NODE20 = 1.06
/** Instructions of ours allowed once a run in the runner's main process. */
export const MAIN_BUDGET = 100e6

export const icountCellId = ({ runner, node, pool, files }) => `${runner}-node${node}-${pool}-${files}f`

const M = (n) => `${(n / 1e6).toFixed(1)} M`
const ratioText = (r) => (Number.isFinite(r) ? r.toFixed(3) : '–')

/** The commit the packages were built from, with a mark when the tree has uncommitted changes. */
function commitOf() {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: repoRoot,
      encoding: 'utf8',
    }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'packages'], {
      cwd: repoRoot,
      encoding: 'utf8',
    }).trim()
    return dirty ? `${sha}+` : sha
  } catch {
    return 'unknown'
  }
}

/**
 * Counts one cell: each variant once without Valgrind (so the caches a first run fills, Vite's
 * transforms and our code cache, are warm), then once under it; checks every run passed every test.
 */
export async function measureInstructions({ runner, node, pool, files, tests, jobs, change }) {
  const poolArgs = ICOUNT_POOLS[pool][runner.kind]
  // Every process with V8's random seed fixed (Vitest's forked workers through its --execArgv; its
  // threads and Jest in band take the main process's): each isolate otherwise seeds its hash tables
  // with a search for a random prime, 5 to 11 M instructions that differ from run to run
  // (docs/design/overhead.md). The same seed for every variant, so the comparison stays fair.
  const seedForks = runner.kind === 'vitest' && pool === 'forks' ? [`--execArgv=${SEED}`] : []
  const args =
    runner.kind === 'vitest' ? ['run', ...poolArgs, ...seedForks] : ['--ci', '--no-watchman', ...poolArgs]
  const env = runnerEnv()
  env.PATH = [dirname(node.bin), env.PATH].filter(Boolean).join(delimiter)
  const id = icountCellId({ runner: runner.id, node: node.major, pool, files })
  console.log(
    `\n${id}: ${tests} tests in ${files} files, ${runner.kind} ${runner.version}, Node ${node.version}`,
  )
  const variants = []
  const loadAtStart = os.loadavg()[0]
  for (const job of jobs) {
    const check = (what, exitCode, output) => {
      if (exitCode !== 0)
        throw new Error(`${id} ${job.variant} (${what}): exit ${exitCode}\n${output.slice(-4000)}`)
    }
    const warm = await runRunner(runner, job.dir, args, {
      node: node.bin,
      nodeArgs: [SEED],
      timeout: 600_000,
    })
    check('warm-up', warm.exitCode, `${warm.stdout}\n${warm.stderr}`)
    const started = Date.now()
    const run = await countInstructions(node.bin, [SEED, runner.bin, ...args], { cwd: job.dir, env })
    check('counted', run.exitCode, `${run.stdout}\n${run.stderr}`)
    const sum = totals(run.processes)
    // A process killed before Valgrind could write its count (Vitest SIGKILLs a worker 500 ms after
    // SIGTERM, and under Valgrind on a busy machine that can come first) leaves no count at all:
    // the run is incomplete, and its sums would read low.
    const workersExpected = measureOf({ runner, pool }) === 'workerMedian' ? files : 0
    if (sum.workers !== workersExpected || !run.processes.some((p) => p.role === 'main'))
      throw new Error(
        `${id} ${job.variant}: counted ${sum.workers} workers and ${run.processes.length - sum.workers} main processes, ` +
          `expected ${workersExpected} workers and the runner's own: a process ended before Valgrind reported it ` +
          '(killed by the runner under load?). Count again on a machine nothing else is using.',
      )
    // Vitest's main process apart: counted again with its workers running natively, so that what
    // it does itself is not buried under the polling it does while Valgrind slows the workers.
    // Jest's, in band, is the whole run: its config and reporters are counted on their own in a
    // process that has loaded Jest's modules first (_jest-main.cjs).
    let mainAlone
    if (runner.kind === 'jest') {
      const harness = [SEED, JEST_MAIN]
      const warmMain = spawnSync(node.bin, harness, { cwd: job.dir, env, encoding: 'utf8' })
      check('main apart, warm-up', warmMain.status, `${warmMain.stdout}\n${warmMain.stderr}`)
      const apart = await countInstructions(node.bin, harness, { cwd: job.dir, env })
      check('main apart', apart.exitCode, `${apart.stdout}\n${apart.stderr}`)
      mainAlone = totals(apart.processes).main
    } else if (measureOf({ runner, pool }) === 'workerMedian') {
      const alone = await countInstructions(node.bin, [SEED, runner.bin, ...args], {
        cwd: job.dir,
        env,
        skipArgs: '*dist/workers/*',
      })
      check('main alone', alone.exitCode, `${alone.stdout}\n${alone.stderr}`)
      mainAlone = totals(alone.processes).main
    }
    variants.push({
      variant: job.variant,
      ...sum,
      ...(mainAlone === undefined ? {} : { mainAlone }),
      processes: run.processes,
      seconds: (Date.now() - started) / 1000,
    })
    console.log(
      `  ${job.variant}: total ${M(sum.total)}, main ${M(sum.main)}${mainAlone === undefined ? '' : ` (alone ${M(mainAlone)})`}, ` +
        `${sum.workers} workers, median ${M(sum.workerMedian)} (${Math.round((Date.now() - started) / 1000)} s)`,
    )
  }
  return {
    cell: id,
    change,
    commit: commitOf(),
    date: new Date().toISOString(),
    machine: { ...machine(), node: node.version },
    loadAtStart: Math.round(loadAtStart * 100) / 100,
    runner: { id: runner.id, kind: runner.kind, version: runner.version },
    node: { major: node.major, version: node.version },
    pool,
    measure: measureOf({ runner, pool }),
    nodeArgs: [SEED],
    args,
    files,
    tests,
    variants,
  }
}

const historyFile = (out, cell) => join(out, 'overhead', 'icount', `${cell}.json`)

/** Appends a record to its cell's history; returns the file's path relative to the repo root. */
export function appendInstructionRecord(out, record) {
  const file = historyFile(out, record.cell)
  mkdirSync(dirname(file), { recursive: true })
  let history = []
  try {
    history = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    // a new cell
  }
  history.push(record)
  writeFileSync(file, `${JSON.stringify(history, null, 2)}\n`)
  return relative(repoRoot, file)
}

/** Every history, Node 24 first, then 26, 22, 20; each a list of records, oldest first. */
export function readInstructionHistories(out) {
  const dir = join(out, 'overhead', 'icount')
  return jsonFilesIn(dir)
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')))
    .filter((history) => history.length > 0)
    .sort(
      (a, b) =>
        nodeRank(a[0].node.major) - nodeRank(b[0].node.major) ||
        a[0].runner.id.localeCompare(b[0].runner.id) ||
        a[0].pool.localeCompare(b[0].pool) ||
        a[0].files - b[0].files,
    )
}

/** A variant's measure over plain's in one record. */
function ratios(record) {
  const plain = record.variants.find((v) => v.variant === 'plain')
  const measure = (v) => v[measureOf(record)]
  return Object.fromEntries(
    record.variants
      .filter((v) => v !== plain)
      .map((v) => [v.variant, plain ? measure(v) / measure(plain) : Number.NaN]),
  )
}

const measureLabel = (record) =>
  measureOf(record) === 'workerMedian'
    ? 'a test file (worker median)'
    : `the whole run (${record.tests} tests)`

/** What a variant adds to plain: a file's in the forks pool, else a test's (the run's fixed cost included). */
function oursText(record, variant, plain) {
  if (!plain) return '–'
  if (measureOf(record) === 'workerMedian') return `${M(variant.workerMedian - plain.workerMedian)} a file`
  return `${M((variant.total - plain.total) / record.tests)} a test`
}
const runnerLabel = (record) =>
  `${record.runner.kind === 'vitest' ? 'Vitest' : 'Jest'} ${record.runner.version}`
const poolLabel = (record) =>
  record.runner.kind === 'jest' ? 'in band' : record.pool === 'forks' ? 'forks' : 'threads, isolate: false'

function verdict(ratio, target) {
  if (!Number.isFinite(ratio)) return '–'
  return ratio <= target ? `met (≤ ${target})` : `**missed** (≤ ${target})`
}

/** The page's instruction section, from every history under `out`. */
export function instructionSection(out) {
  const histories = readInstructionHistories(out)
  if (histories.length === 0) return []
  const latest = histories.map((h) => h.at(-1))
  const targetRows = latest.flatMap((r) => {
    const plain = r.variants.find((v) => v.variant === 'plain')
    const rs = ratios(r)
    return r.variants
      .filter((v) => v.variant !== 'plain')
      .map((v) => {
        const target =
          r.node.major === 20
            ? v.variant === 'on'
              ? ICOUNT_TARGET_NODE20
              : undefined
            : ICOUNT_TARGETS[v.variant]
        return [
          `\`${r.cell}\``,
          `${runnerLabel(r)}, ${poolLabel(r)}, Node ${r.node.version}`,
          v.variant === 'on' ? 'everything on' : `${v.variant} alone`,
          measureLabel(r),
          plain ? M(plain[measureOf(r)]) : '–',
          M(v[measureOf(r)]),
          ratioText(rs[v.variant]),
          oursText(r, v, plain),
          target === undefined ? '–' : verdict(rs[v.variant], target),
        ]
      })
  })
  const mainRows = latest
    .filter((r) => r.variants.some((v) => v.mainAlone !== undefined))
    .flatMap((r) => {
      const plain = r.variants.find((v) => v.variant === 'plain')
      return r.variants
        .filter((v) => v.variant !== 'plain' && plain)
        .map((v) => {
          const main = (x) => x.mainAlone ?? x.main
          const ours = main(v) - main(plain)
          return [
            `\`${r.cell}\``,
            v.variant === 'on' ? 'everything on' : `${v.variant} alone`,
            M(main(plain)),
            M(main(v)),
            M(ours),
            v.variant === 'on' ? (ours <= MAIN_BUDGET ? 'met (≤ 100 M)' : '**missed** (≤ 100 M)') : '–',
          ]
        })
    })
  const changes = histories.flatMap((h) =>
    h.map((r, i) => {
      const rs = ratios(r)
      const before = i > 0 ? ratios(h[i - 1]).on : Number.NaN
      return [
        r.date.slice(0, 16).replace('T', ' '),
        r.loadAtStart.toFixed(2),
        `\`${r.commit}\``,
        r.change ?? '–',
        `\`${r.cell}\``,
        ...['on', 'rejections', 'warnings', 'respawn', 'perf'].map((v) => ratioText(rs[v])),
        Number.isFinite(before) && Number.isFinite(rs.on)
          ? `${ratioText(before)} → ${ratioText(rs.on)}`
          : '–',
      ]
    }),
  )
  const machines = [...new Set(latest.map((r) => `${r.machine.cpu}, ${r.machine.cores} cores`))]
  return [
    '## Instructions: the yardstick',
    '',
    'CPU instructions executed, counted by Valgrind (`bench/_icount.mjs`: cachegrind without cache',
    'simulation, following every process), one counted run a variant after one run without Valgrind that',
    "warms the caches a first run fills (Vite's transforms, the parts' code cache). Every counted process runs",
    `with V8's random seed fixed (\`${SEED}\`, whose count is near the middle of random seeds'; records`,
    'from 2026-12-07 18:40 on), which takes out the few M a random hash seed added or not. A count moves by',
    'well under 1 % from run to run whatever else the machine does (a worker by ±0.5 M plain, ±3 M with',
    'everything on; a Jest run by a few M), where wall time moves by ±20 %. It counts work, not waiting or',
    'cache misses: the wall-time cells below',
    `confirm it. Machine${machines.length > 1 ? 's' : ''}: ${machines.join('; ')}.`,
    '',
    '- **Vitest forks**: a process per test file; the measure is the median worker, the cost of a test file.',
    '- **Vitest threads, isolate: false** and **Jest in band** (`--runInBand`): every file runs in one process;',
    '  the measure is the whole run, and "ours" is (variant − plain) over the tests: the fixed cost of a run',
    '  (config, reporters, end-of-run report) is charged to the tests of these few files, so it reads high.',
    `- The generated files are those of the wall-time cells (25 tests each, below), ${[...new Set(latest.map((r) => r.files))].join(' or ')} of them.`,
    '',
    '### Against the targets (latest count of each cell)',
    '',
    'Targets (issue 29, Node 24): everything on ≤ 1.03, rejections alone ≤ 1.02, warnings ≤ 1.01, respawn and',
    `perf unused ≤ 1.005; Node 20: everything on ≤ ${ICOUNT_TARGET_NODE20}.`,
    '',
    table(
      ['Cell', 'Runner', 'Variant', 'Measure', 'plain', 'variant', 'ratio', 'ours', 'verdict'],
      targetRows,
    ),
    '',
    ...(mainRows.length
      ? [
          "### Once a run, in the runner's main process (config, plugin, reporters, end-of-run report)",
          '',
          'Target: ≤ 100 M instructions of ours with everything on. Vitest: counted in a run of its own with the',
          'workers running natively (Valgrind skips them): counted beside slowed workers, the main process polls',
          'while it waits, and its count then moves by several percent with the load of the machine (older records,',
          'counted beside the workers, show that count). Jest in band runs the files in its main process, so its',
          "config and reporters are counted apart (`bench/_jest-main.cjs`): a process that loads Jest's modules and",
          'the builtins they use, then the config file, then runs each reporter of ours through a passed run.',
          '',
          table(['Cell', 'Variant', 'plain', 'variant', 'ours', 'verdict'], mainRows),
          '',
        ]
      : []),
    '### Every count, change by change',
    '',
    'Each row is one measurement of a cell, oldest first; the commit is the one the packages were built from',
    '(`+`: with uncommitted changes under packages/), the load the one-minute load average when it started.',
    'Ratios to plain of the cell’s measure.',
    '',
    table(
      [
        'Date',
        'Load',
        'Commit',
        'Change',
        'Cell',
        'on',
        'rejections',
        'warnings',
        'respawn',
        'perf',
        'on: before → after',
      ],
      changes,
    ),
    '',
    'Commands (from the repository root, after `node scripts/dev.mjs setup`):',
    '',
    '```sh',
    'node bench/overhead.bench.mjs --icount --parts --node=24 --change="what changed"',
    'node bench/overhead.bench.mjs --icount --parts --node=20 --change="what changed"',
    '```',
    '',
  ]
}
