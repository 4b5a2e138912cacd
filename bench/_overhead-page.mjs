// The overhead page: every cell file under <out>/overhead/ (one per runner × Node × pool × suite,
// `.parts.json` for a run with each part alone) read back and turned into <out>/overhead.md and
// <out>/overhead.json. Nothing here measures: the figures are the recorded runs'.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { jsonFilesIn, nodeRank, repoRoot, table } from './_lib.mjs'
import { instructionSection } from './_overhead-icount.mjs'
import { SUITES } from './_suites.mjs'

/** The generated suite's files: 25 tests each, the promise-heavy ones with 1,000 awaits. */
export const PER_FILE = { sync: 12, async: 8, promises: 5 }
export const AWAITS = 1000

export const PARTS = ['rejections', 'warnings', 'respawn', 'perf']
export const VARIANTS = {
  plain: 'plain (no plugin)',
  on: 'everything on',
  ...Object.fromEntries(PARTS.map((part) => [part, `${part} alone`])),
}

/** A cell's name: runner × Node × pool × suite, as in its file name. */
export const cellId = ({ runner, node, pool, suite }) => `${runner}-node${node}-${pool}-${suite}`

const median = (xs) => {
  const s = [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b)
  if (s.length === 0) return Number.NaN
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/**
 * One variant of a cell: median and range of each measure, the ratio to plain paired within each
 * round (median and range), and the difference to plain paired the same way (for the cost of a part).
 */
export function summarise(runs, variant) {
  const mine = runs.filter((r) => r.variant === variant)
  const plain = runs.filter((r) => r.variant === 'plain')
  const of = (key) => {
    const values = mine.map((r) => r[key])
    const plainOf = (r) => plain.find((p) => p.round === r.round)?.[key] ?? Number.NaN
    const paired = mine.map((r) => r[key] / plainOf(r) - 1)
    const diffs = mine.map((r) => r[key] - plainOf(r))
    return {
      median: median(values),
      min: Math.min(...values),
      max: Math.max(...values),
      added: median(values) / median(plain.map((r) => r[key])) - 1,
      paired: { median: median(paired), min: Math.min(...paired), max: Math.max(...paired) },
      pairedDiff: median(diffs),
    }
  }
  return {
    variant,
    n: mine.length,
    wall: of('wallMs'),
    cpu: of('cpuMs'),
    peakRss: of('peakRssMb'),
    largestProcess: of('largestProcessMb'),
  }
}

/** Writes one cell's record; returns its path relative to the repo root. */
export function writeCell(out, record) {
  const dir = join(out, 'overhead')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `${record.cell}${record.parts ? '.parts' : ''}.json`)
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`)
  return relative(repoRoot, file)
}

/** Every cell file under `out`/overhead, in the page's order: Node 24 first, then 26, 22, 20. */
export function readCells(out) {
  const dir = join(out, 'overhead')
  const names = jsonFilesIn(dir)
  const suiteRank = (key) => (key === 'generated' ? 0 : key.startsWith('generated') ? 1 : 2)
  return names
    .map((name) => ({ file: name, ...JSON.parse(readFileSync(join(dir, name), 'utf8')) }))
    .sort(
      (a, b) =>
        nodeRank(a.node.major) - nodeRank(b.node.major) ||
        suiteRank(a.suite.key) - suiteRank(b.suite.key) ||
        a.suite.key.localeCompare(b.suite.key) ||
        b.runner.kind.localeCompare(a.runner.kind) ||
        a.pool.localeCompare(b.pool) ||
        Number(a.parts) - Number(b.parts),
    )
}

/**
 * What the profiles said (written by hand from `node --cpu-prof` runs of a 20-file copy of the suite,
 * 2026-11-30, on a loaded machine: read the shares, not the milliseconds), from Node 20 and the
 * packages before issue 12. Kept here so the page says why next to what; re-profile before changing it.
 */
const WHY = [
  '## Why it cost what it cost (issue 7, before the changes of issue 12)',
  '',
  "Profiled on 2026-11-30 with `node --cpu-prof` on the runner (Vitest's forks inherit the flag: one",
  'profile per process) over a 20-file copy of the suite (`--files=20`). The cost is per **test file**,',
  'not per test:',
  '',
  '- **Vitest runs each test file in a fresh process** (the forks pool with `isolate: true`, its',
  "  defaults): one profile per file. Plain, a file costs ≈ 230 ms of CPU (Node, Vitest, Vite's module",
  "  runner, the file). Everything a plugin's setup file loads is loaded again for every file: the four",
  "  setup files bring 61 of our ES modules plus @steadfast/core's 16. With everything on, the workers'",
  "  sampled CPU rose by ≈ 105 ms a file; only ≈ 23 ms of that ran in our own functions (the runtimes'",
  '  set-up, the hooks, the wrapped user hooks). The rest is Node loading modules (ESM resolution, URL',
  '  handling, `package.json` lookups, reading and compiling: an empty ES module costs ≈ 0.4 ms here),',
  "  garbage collection, and Vitest's messages to the main process.",
  "- **Jest evaluates setup files in each test file's sandbox.** A package whose setup file imports its",
  '  runtime directly (warnings did) evaluates the whole graph again for every file; `createRequire`',
  '  from `node:module` does not avoid it inside the sandbox, because Jest replaces it with its own',
  '  (rejections believed otherwise). `hostCreateRequire()` of @steadfast/core loads through the real',
  "  process's `getBuiltinModule`, once per worker, as perf already did.",
  '- **Per test**: rejections enters an AsyncLocalStorage store and judges each test (Vitest: through',
  "  the runner's `onBeforeTryTask`/`onAfterRetryTask`, no hooks), and its leak recorder's `init` hook",
  '  turns on promise hooks for every promise of the worker (docs/bench/rejections.md); warnings',
  '  registers a `beforeEach`/`afterEach` pair, which in Vitest means task events to the main process for',
  '  every test.',
  '',
  'Fixed in this round:',
  '',
  "- `codeDirOf` (every package calls it at import) read `error.stack`, which under Vitest runs Vite's",
  "  source-map `prepareStackTrace` over the whole stack (≈ 4 ms a file); it now reads V8's call sites.",
  '- Jest: warnings and rejections load their runtimes once per worker.',
  '- What most test files never use is loaded on demand. Measured in a Vitest worker, per file:',
  "  picomatch ≈ 7–14 ms (warnings' origin rules and per-file budgets load it on their first glob),",
  '  `node:crypto` ≈ 2.5 ms (file names use a pid, a counter and `Math.random`; warnings hashes its',
  "  live markers with a crypto loaded on the first new kind), perf's gate engine (15 modules, imported",
  "  on a file's first gate). On a 20-file copy, CPU over plain, before → after: warnings alone",
  '  +20 % → +5 %, respawn alone +22 % → 0, perf alone +16 % → 0, everything on +45 % → +26 %.',
  '',
  'Not fixed, and why:',
  '',
  "- **Module loading in Vitest**: each package's worker side and @steadfast/core still load as ≈ 60",
  '  ES modules in every file (≈ 0.3 ms each): bundling them into one module per entry would remove',
  '  most of it, but the build emits one readable file per source file by design',
  '  (scripts/build-package.mjs), and classes shared between entries (errors checked by brand, runtimes',
  '  on `Symbol.for` keys) would need care: a decision for the build, not a local fix.',
  '- **rejections** (+16 % CPU alone on the 20-file copy) is mostly per test: an AsyncLocalStorage',
  '  store and promise hooks on every promise, which exact async attribution costs on Node 20',
  '  (docs/bench/rejections.md).',
  "- **warnings' per-test hook pair**: moving it to the runner's task hooks, as rejections did, is the",
  '  next per-test saving; not done in this round.',
  '',
  `The target: 3 % of a plain Vitest file is ≈ 7 ms of CPU for all four parts together, less than`,
  "loading one package's worker modules takes; it cannot be met while every file loads them afresh.",
]

// ---------------------------------------------------------------------------------------------
// The targets of issue 12. `cells` says which cells each target needs (the page names the missing).

const CORE = [
  { suite: 'generated', kind: 'vitest', runner: 'vitest4' },
  { suite: 'generated', kind: 'jest', runner: 'jest30' },
  { suite: 'remeda', kind: 'vitest' },
  { suite: 'commander', kind: 'jest' },
]
const TARGETS = [
  {
    title:
      'Node 24, forks pool: everything on ≤ 3 % wall and ≤ 5 % CPU (the generated 200-file suite and each real suite)',
    node: 24,
    pool: 'forks',
    variant: 'on',
    limits: { wall: 0.03, cpu: 0.05 },
    needs: CORE,
  },
  {
    title:
      'Node 24, `pool: threads, isolate: false`: everything on ≤ 3 % wall (Vitest; Jest has no such pool)',
    node: 24,
    pool: 'threads-shared',
    variant: 'on',
    limits: { wall: 0.03 },
    needs: CORE.filter((c) => c.kind === 'vitest'),
  },
  {
    title: 'Node 20: everything on ≤ 6 % wall',
    node: 20,
    pool: 'forks',
    variant: 'on',
    limits: { wall: 0.06 },
    needs: CORE.filter((c) => c.suite === 'generated'),
  },
  ...[
    ['rejections', 0.02],
    ['warnings', 0.01],
    ['respawn', 0.005],
    ['perf', 0.005],
  ].map(([part, wall]) => ({
    title: `Node 24, forks pool: ${part} alone ≤ ${wall * 100} % wall${part === 'respawn' || part === 'perf' ? ' (unused: the suite neither starts services nor gates)' : ''}`,
    node: 24,
    pool: 'forks',
    variant: part,
    limits: { wall },
    needs: CORE.filter((c) => c.suite === 'generated'),
  })),
]

const pct = (x) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %` : '–')
const pairedText = (p) => `${pct(p.median)} [${pct(p.min)}, ${pct(p.max)}]`

/** Met when every round is within the limit, missed when none is; in between the median decides. */
function judge(paired, limit) {
  if (paired.max <= limit) return 'met'
  if (paired.min > limit) return '**missed**'
  return paired.median <= limit ? 'met by the median, not by every round' : '**missed** by the median'
}

const cellSuiteLabel = (c) =>
  c.suite.name === 'generated'
    ? `generated (${c.suite.files} files)`
    : `${c.suite.name} (${c.suite.repo}@${c.suite.commit.slice(0, 7)})`

function targetRows(cells, target) {
  const rows = []
  const usable = cells.filter(
    (c) => c.node.major === target.node && c.pool === target.pool && c.variants.includes(target.variant),
  )
  const seen = new Set()
  // The cells that count, best first: more rounds, then a plain-and-on run over a --parts run.
  const ranked = [...usable].sort((a, b) => b.rounds - a.rounds || Number(a.parts) - Number(b.parts))
  for (const c of ranked) {
    const key = `${c.suite.key}|${c.runner.id}`
    if (seen.has(key)) continue
    seen.add(key)
    const r = c.results.find((x) => x.variant === target.variant)
    const verdicts = Object.entries(target.limits).map(
      ([measure, limit]) => `${measure} ${judge(r[measure].paired, limit)}`,
    )
    const caveats = []
    if (c.suite.name === 'generated' && c.suite.files !== 200)
      caveats.push(`not the target's suite: ${c.suite.files} files`)
    if (c.rounds < 3) caveats.push(`indicative only: ${c.rounds} round${c.rounds === 1 ? '' : 's'}`)
    rows.push([
      cellSuiteLabel(c),
      c.runner.name,
      c.node.version,
      pairedText(r.wall.paired),
      pairedText(r.cpu.paired),
      `${verdicts.join(', ')}${caveats.length ? ` (${caveats.join('; ')})` : ''}`,
      `\`${c.cell}${c.parts ? '.parts' : ''}\``,
    ])
  }
  for (const need of target.needs) {
    const has = usable.some(
      (c) =>
        c.suite.key === need.suite &&
        (need.runner ? c.runner.id === need.runner : c.runner.kind === need.kind),
    )
    if (!has)
      rows.push([
        need.suite === 'generated' ? 'generated (200 files)' : need.suite,
        need.runner ?? need.kind,
        `Node ${target.node}`,
        '–',
        '–',
        'not measured yet',
        '–',
      ])
  }
  return rows
}

function commandOf(target, need) {
  const parts = ['node bench/overhead.bench.mjs', `--suite=${need.suite}`]
  if (need.suite === 'generated') parts.push(`--runner=${need.runner}`)
  else parts.push(`--suite-dir=<checkout>`)
  parts.push(`--node=${target.node}`, `--pool=${target.pool}`)
  if (PARTS.includes(target.variant)) parts.push('--parts')
  return parts.join(' ')
}

/** Writes `out`/overhead.md and overhead.json from the cell files; returns their paths. */
export function writeOverheadPage(out) {
  const cells = readCells(out)
  const md = page(cells, out)
  const json = {
    package: 'steadfast',
    generated: new Date().toISOString(),
    cells: cells.map(({ runs: _runs, ...cell }) => cell),
  }
  mkdirSync(out, { recursive: true })
  const files = [
    [join(out, 'overhead.md'), md.endsWith('\n') ? md : `${md}\n`],
    [join(out, 'overhead.json'), `${JSON.stringify(json, null, 2)}\n`],
  ]
  for (const [file, text] of files) writeFileSync(file, text)
  return files.map(([file]) => relative(repoRoot, file))
}

function page(cells, out) {
  const machines = [
    ...new Map(
      cells.map((c) => [`${c.machine.cpu}|${c.machine.cores}|${c.machine.platform}`, c.machine]),
    ).values(),
  ]
  const loaded = cells.filter(
    (c) => c.loadAtStart > c.machine.cores / 2 || c.roundLoads.some((r) => r.loadAtStart > c.machine.cores),
  )
  const versions = [...new Set(cells.map((c) => c.version))]
  const dates = cells.map((c) => c.date.slice(0, 10)).sort()
  const realSuites = [
    ...new Map(cells.filter((c) => c.suite.name !== 'generated').map((c) => [c.suite.name, c])).values(),
  ]
  const missing = TARGETS.flatMap((t) =>
    t.needs
      .filter(
        (need) =>
          !cells.some(
            (c) =>
              c.node.major === t.node &&
              c.pool === t.pool &&
              c.variants.includes(t.variant) &&
              c.suite.key === need.suite &&
              (need.runner ? c.runner.id === need.runner : c.runner.kind === need.kind),
          ),
      )
      .map((need) => commandOf(t, need)),
  )
  return [
    "# steadfast: the whole suite's overhead",
    '',
    'Measured by `bench/overhead.bench.mjs` against the built packages: real Vitest and Jest processes',
    'run a suite plain and with everything on (Vitest `plugins: [steadfast()]`, Jest `withSteadfast(config)`),',
    'and with each part alone (the others `false`), in interleaved rounds after one discarded warm-up.',
    `Steadfast ${versions.join(', ')}; ${cells.length} cell${cells.length === 1 ? '' : 's'} (runner × Node × pool × suite) measured ${dates[0] ?? '–'}${dates.length && dates.at(-1) !== dates[0] ? ` to ${dates.at(-1)}` : ''}.`,
    'Every figure comes from the cell files in [overhead/](./overhead/) (raw runs there; summaries in',
    '[overhead.json](./overhead.json)); the page is regenerated from all of them by each run, or by',
    '`node bench/overhead.bench.mjs --page-only`.',
    '',
    ...(cells.some((c) => c.rounds < 3)
      ? [
          `**Some cells have fewer than 3 measured rounds (${cells
            .filter((c) => c.rounds < 3)
            .map((c) => `\`${c.cell}\``)
            .join(', ')}): their figures prove the code path, not the overhead.**`,
          '',
        ]
      : []),
    ...(loaded.length
      ? [
          `**Other processes kept the machine busy during ${loaded.map((c) => `\`${c.cell}\``).join(', ')} (load in the cells table below):`,
          'wall times there are noisy; CPU time is less sensitive to it. Re-run on a quiet machine before quoting wall times.**',
          '',
        ]
      : []),
    '## Machine',
    '',
    table(
      ['CPU', 'Cores', 'OS'],
      machines.map((m) => [m.cpu, m.cores, m.platform]),
    ),
    '',
    ...instructionSection(out),
    '## Verdict (wall and CPU time)',
    '',
    'The targets of issue 12, judged on the ratio to plain paired within each round (median [min, max]',
    'over the rounds): met when every round is within the limit, missed when no round is, otherwise the',
    'median decides and the page says so.',
    '',
    ...TARGETS.flatMap((t) => [
      `### ${t.title}`,
      '',
      table(['Suite', 'Runner', 'Node', 'wall', 'CPU', 'verdict', 'cell'], targetRows(cells, t)),
      '',
    ]),
    ...(missing.length
      ? [
          'Cells still to measure for these targets (`--rounds=5` by default; real suites need their checkout, see',
          'below):',
          '',
          '```sh',
          ...new Set(missing),
          '```',
          '',
        ]
      : []),
    '## Cells',
    '',
    'Load: the one-minute load average when the cell started, and at the start of each measured round.',
    '',
    table(
      [
        'Cell',
        'Date',
        'Runner',
        'Node',
        'Pool',
        'Suite',
        'Variants',
        'Rounds',
        'Load at start',
        'Load per round',
        'Duration',
      ],
      cells.map((c) => [
        `\`${c.cell}${c.parts ? '.parts' : ''}\``,
        c.date.slice(0, 16).replace('T', ' '),
        c.runner.name,
        c.node.version,
        c.pool,
        cellSuiteLabel(c),
        c.variants.join(', '),
        c.rounds,
        c.loadAtStart.toFixed(2),
        c.roundLoads.map((r) => r.loadAtStart.toFixed(2)).join(', '),
        `${Math.round(c.elapsedS / 6) / 10} min`,
      ]),
    ),
    '',
    'Commands (from the repository root, after `node scripts/dev.mjs setup`):',
    '',
    '```sh',
    ...new Set(cells.map((c) => c.command)),
    '```',
    '',
    '## Wall time, CPU time, memory',
    '',
    '- **Wall**: spawn to exit of the runner. Median (min–max) over the rounds; "paired" is the ratio to plain',
    '  within each round (runs minutes apart at most): its median and range.',
    '- **CPU**: user + system time of the runner process and every process it waited for (its workers), from',
    '  `/proc/self/stat` (cutime + cstime, 10 ms ticks) of the benchmark around each run.',
    "- **Peak RSS**: every 25 ms, the resident sets of all processes in the runner's process group (the runner and",
    "  its workers) summed; the highest sum. **Largest process**: the highest VmHWM (the kernel's high-water mark",
    "  of one process's resident set) among them.",
    "- **Pools**: `forks` runs every variant with `--pool=forks --isolate` (Vitest's defaults: a process per test",
    '  file), `threads-shared` with `--pool=threads --no-isolate` (where users go for speed); Vitest applies both',
    "  flags to every project of a config. Jest's workers are processes and it has no shared-context pool: its",
    '  `threads-shared` cells are not applicable and not measured.',
    `- **The generated suite**: ${PER_FILE.sync + PER_FILE.async + PER_FILE.promises} tests a file, each file one \`describe\` with a \`beforeEach\` and ${PER_FILE.sync} sync tests (arithmetic,`,
    `  \`toEqual\` on an object), ${PER_FILE.async} async tests (a few awaits, \`Promise.all\`, a \`setImmediate\`; one waits for a 1 ms`,
    `  timer) and ${PER_FILE.promises} promise-heavy tests (${AWAITS.toLocaleString('en-US')} awaits each). Vitest with a one-line config, Jest with`,
    "  `testEnvironment: 'node', transform: {}` (plain CommonJS) and `--ci --no-watchman`.",
    '',
    ...cells.flatMap((c) => [
      `### \`${c.cell}${c.parts ? '.parts' : ''}\`: ${c.runner.name}, Node ${c.node.version}, ${c.pool}, ${cellSuiteLabel(c)}`,
      '',
      `${c.suite.tests.toLocaleString('en-US')} tests in ${c.suite.files} files; ${c.rounds} round${c.rounds === 1 ? '' : 's'}; runner arguments \`${c.args.join(' ') || '(none)'}\`.`,
      '',
      table(
        ['Variant', 'wall', 'wall paired', 'CPU', 'CPU paired', 'peak RSS (sum)', 'largest process'],
        c.results.map((r) => {
          const plain = r.variant === 'plain'
          return [
            VARIANTS[r.variant],
            `${r.wall.median} ms (${r.wall.min}–${r.wall.max})`,
            plain ? '–' : pairedText(r.wall.paired),
            `${r.cpu.median} ms (${r.cpu.min}–${r.cpu.max})`,
            plain ? '–' : pairedText(r.cpu.paired),
            `${r.peakRss.median} MB (${r.peakRss.min}–${r.peakRss.max})${plain ? '' : ` ${pct(r.peakRss.paired.median)}`}`,
            `${r.largestProcess.median} MB${plain ? '' : ` ${pct(r.largestProcess.paired.median)}`}`,
          ]
        }),
      ),
      '',
    ]),
    ...(cells.some((c) => c.parts || c.variants.some((v) => PARTS.includes(v)))
      ? [
          '## What each part costs',
          '',
          'From the runs with each part alone: the CPU time a part adds to plain (the median over the rounds',
          'of its difference to plain in the same round) per test file (ms) and per test (µs), and the wall',
          "ratio. A per-file figure includes the run's fixed start-up, a larger share on a smaller suite; a",
          'per-test figure charges the per-file cost to the tests too. Read them as what the part costs here, not',
          'as two separate costs.',
          '',
          table(
            ['Cell', 'Variant', 'CPU a file', 'CPU a test', 'wall paired', 'CPU paired'],
            cells.flatMap((c) =>
              c.results
                .filter((r) => r.variant !== 'plain')
                .map((r) => [
                  `\`${c.cell}${c.parts ? '.parts' : ''}\``,
                  VARIANTS[r.variant],
                  `${(r.cpu.pairedDiff / c.suite.files).toFixed(1)} ms`,
                  `${((r.cpu.pairedDiff / c.suite.tests) * 1000).toFixed(0)} µs`,
                  pairedText(r.wall.paired),
                  pairedText(r.cpu.paired),
                ]),
            ),
          ),
          '',
          ...cells
            .filter((c) => PARTS.every((p) => c.variants.includes(p)))
            .map((c) => {
              const diff = (v) => c.results.find((r) => r.variant === v).cpu.pairedDiff / c.suite.files
              const sum = PARTS.reduce((n, p) => n + diff(p), 0)
              return `- \`${c.cell}.parts\`: the parts alone add up to ${sum.toFixed(1)} ms a file; everything on costs ${diff('on').toFixed(1)} ms.`
            }),
          '',
        ]
      : []),
    '## The real suites',
    '',
    'Each is a public repository at a pinned commit. CI cannot fetch it, and this repository keeps none of',
    'its code: bring the checkout yourself and give its path (`--suite-dir=PATH` or',
    '`STEADFAST_BENCH_SUITE_DIR`). The set-up (bench/_suites.mjs) copies it to a temp folder, installs its',
    'dependencies from npm with its own lockfile and package manager (install scripts off), copies',
    "Steadfast's built packages into it, runs it plain (`--check-runs`, 3 by default) to set aside the test",
    'files that fail or flake there, and writes the configs: plain is its own config, unchanged; everything',
    'on adds Steadfast to it and changes nothing else.',
    '',
    ...Object.entries(SUITES).flatMap(([name, suite]) => {
      const measuredCells = cells.filter((c) => c.suite.name === name)
      const any = realSuites.find((c) => c.suite.name === name)
      return [
        `### ${name}: [${suite.repo}](https://github.com/${suite.repo}) at \`${suite.commit}\` (${suite.date})`,
        '',
        `${suite.about}. Runner: ${suite.kind === 'vitest' ? 'Vitest' : 'Jest'} as its lockfile pins it${any ? ` (${any.runner.name})` : ''}; run in \`${suite.cwd}\` with \`${[...(suite.kind === 'vitest' ? ['run', '<pool flags>'] : []), ...suite.args].join(' ') || '(no arguments)'}\`.`,
        '',
        'Get the checkout:',
        '',
        '```sh',
        `git clone https://github.com/${suite.repo} ${name} && git -C ${name} checkout ${suite.commit}`,
        `node bench/overhead.bench.mjs --suite=${name} --suite-dir=${name}`,
        '```',
        '',
        ...(any
          ? [
              'Set-up steps (as recorded):',
              '',
              ...any.suite.steps.map((s) => `1. ${s}`),
              '',
              table(
                ['Cell', 'Files', 'Tests', 'Check runs (files, tests, wall)', 'Set aside'],
                measuredCells.map((c) => [
                  `\`${c.cell}${c.parts ? '.parts' : ''}\``,
                  c.suite.files,
                  c.suite.tests,
                  c.suite.checkRuns.map((r) => `${r.files}/${r.tests}/${r.wallS} s`).join(', '),
                  c.suite.excluded.length === 0
                    ? 'none: every test passed in every check run'
                    : c.suite.excluded
                        .map(
                          (e) =>
                            `\`${e.file}\` (${e.why}: ${e.tests
                              .slice(0, 3)
                              .map((t) => `"${t.test}": ${t.message}`)
                              .join('; ')}${e.tests.length > 3 ? `; ${e.tests.length - 3} more` : ''})`,
                        )
                        .join('; '),
                ]),
              ),
              '',
            ]
          : ['Not measured yet.', '']),
      ]
    }),
    ...WHY,
  ].join('\n')
}
