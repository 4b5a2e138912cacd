// Real open-source suites for the overhead benchmark: which repository, at which commit, how to
// install it, and the set-up that turns a checkout (brought by hand: this repository keeps none of
// their code) into two runnable variants, plain and with Steadfast. The set-up copies the checkout
// to a temp folder, installs its dependencies from npm with its own lockfile and package manager
// (install scripts off), installs this repo's built packages into it, runs the plain suite to find
// the tests that fail or flake there (their files are set aside, so both variants run the same
// tests), and writes the variants' configs: the suite's own, and the same with Steadfast added.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, realpathSync } from 'node:fs'
import { copyFile, cp, mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, extname, join, relative } from 'node:path'
import { WORKSPACE_PACKAGES } from '../scripts/fixture-project.mjs'
import { runRunner } from './_fixture.mjs'

/**
 * The suites. `cwd` is where the runner runs (inside the checkout), `config` its config file there,
 * `args` what the runner is given besides the bench's own (`run` and the pool for Vitest), and
 * `modules` the folder whose node_modules gets Steadfast's packages (Node finds them from `cwd`).
 */
export const SUITES = {
  remeda: {
    repo: 'remeda/remeda',
    commit: '3b72f9fb6e5174243954467186301d352b742699',
    date: '2026-07-03',
    kind: 'vitest',
    about:
      "remeda's runtime tests (`packages/remeda/src/**/*.test.ts`, the `runtime` project of its Vitest config: " +
      'utility functions of a TypeScript library, no browser, no network); its `types` project (`tsc`) and its ' +
      '`prop` project (fast-check properties) are not run',
    install: ['npm', 'ci', '--workspace=packages/remeda', '--include-workspace-root'],
    cwd: 'packages/remeda',
    config: 'vitest.config.ts',
    args: ['--project', 'runtime'],
    modules: '.',
  },
  commander: {
    repo: 'tj/commander.js',
    // The last commit before commander moved its tests from Jest to `node --test` (#2463).
    commit: '63eed4aa05435575d515311bb5efaf6d88b6be84',
    date: '2025-08-04',
    kind: 'jest',
    about:
      "commander's tests (`tests/*.test.js`, Jest 29 with its own config: coverage on, ts-jest for its one `.ts` " +
      'test; a few tests start `node` on example programs)',
    install: ['npm', 'ci'],
    cwd: '.',
    config: 'jest.config.js',
    // No arguments: one of its tests parses the real process.argv and fails on any flag (`--ci`),
    // and with one worker (2 cores) Jest runs the tests in its own process. CI=true is set anyway.
    args: [],
    modules: '.',
  },
}

/** How a reader gets the checkout the set-up starts from (the page prints it). */
export const checkoutRecipe = (suite) =>
  `git clone https://github.com/${suite.repo} && git -C ${suite.repo.split('/')[1]} checkout ${suite.commit}`

const run = (command, args, options) => {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...options })
  if (result.error) throw result.error
  return result
}

function mustRun(command, args, options) {
  const result = run(command, args, options)
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed (exit ${result.status}) in ${options.cwd}\n${result.stdout}\n${result.stderr}`.slice(
        -6000,
      ),
    )
  return result
}

/** The install command with install scripts off, and the package manager the lockfile asks for. */
function installCommand(suite) {
  const [manager, ...args] = suite.install
  if (manager === 'npm') return ['npm', [...args, '--ignore-scripts', '--no-audit', '--no-fund']]
  if (manager === 'pnpm')
    return ['npx', ['--yes', 'pnpm@10', ...args, '--frozen-lockfile', '--ignore-scripts']]
  throw new Error(`No install command for ${manager}`)
}

/** The runner the suite installed: its CLI and version, found from `cwd` up. */
function suiteRunner(kind, cwd) {
  for (let dir = cwd; ; dir = dirname(dir)) {
    const packageDir = join(dir, 'node_modules', kind)
    if (existsSync(join(packageDir, 'package.json'))) {
      const real = realpathSync(packageDir)
      const { version } = JSON.parse(readFileSync(join(real, 'package.json'), 'utf8'))
      const bin = kind === 'vitest' ? join(real, 'vitest.mjs') : join(real, 'bin', 'jest.js')
      return { id: `${kind}${version.split('.')[0]}`, kind, version, packageDir: real, bin }
    }
    if (dirname(dir) === dir) throw new Error(`The suite installed no ${kind} (from ${cwd} up)`)
  }
}

/**
 * Steadfast's built packages as users get them (package.json + dist), into `dir`/node_modules,
 * their third-party dependencies linked into each package's own node_modules, so that a different
 * version of the same package in the suite neither breaks them nor is replaced. The runners they
 * peer on (vitest, jest, @jest/globals) are the suite's own.
 */
export async function installSteadfast(dir) {
  for (const [name, source] of Object.entries(WORKSPACE_PACKAGES)) {
    if (!existsSync(join(source, 'dist')))
      throw new Error(`${name} is not built (no ${join(source, 'dist')}). Run \`pnpm build\` first.`)
    const at = join(dir, 'node_modules', name)
    await rm(at, { recursive: true, force: true })
    await cp(join(source, 'dist'), join(at, 'dist'), { recursive: true })
    await copyFile(join(source, 'package.json'), join(at, 'package.json'))
    const manifest = JSON.parse(await readFile(join(source, 'package.json'), 'utf8'))
    for (const dependency of Object.keys(manifest.dependencies ?? {})) {
      if (dependency in WORKSPACE_PACKAGES) continue
      const link = join(at, 'node_modules', dependency)
      await mkdir(dirname(link), { recursive: true })
      await symlink(realpathSync(join(source, 'node_modules', dependency)), link, 'dir')
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Configs. The suite's own config is kept as `steadfast-bench.base.<ext>` beside it; the config
// file itself is rewritten before each run (plain: the original text; on: a wrapper of the base).
// In place, not through `--config`: a suite may read the process's arguments (commander does).

const BASE = 'steadfast-bench.base'

/** What the config file says for a variant ('plain', 'on', or a part alone: `options` then). */
function configText(suite, original, variant, options, check) {
  const ext = extname(suite.config)
  if (suite.kind === 'vitest') {
    if (variant === 'plain' && !check) return original
    const add = variant === 'plain' ? '' : `steadfast(${options ? JSON.stringify(options) : ''})`
    return [
      `import base from './${BASE}${ext}'`,
      ...(add ? ["import steadfast from 'steadfast/vitest'"] : []),
      '',
      '// Steadfast added to the plugins: of the config itself, and of each inline project that does',
      '// not extend it (Vitest gives those no plugin of the root config).',
      `const add = (config) => ({ ...config, plugins: [...(config.plugins ?? []), ${add || '[]'}] })`,
      'const projects = base.test?.projects',
      'const inline = Array.isArray(projects) && projects.some((p) => typeof p === "object")',
      'export default inline',
      '  ? { ...(projects.some((p) => p.extends) ? add(base) : base), test: { ...base.test, projects: projects.map((p) => (typeof p === "object" && !p.extends ? add(p) : p)) } }',
      '  : add(base)',
      '',
    ].join('\n')
  }
  const esm = ext === '.mjs' || (ext === '.js' && suite.type === 'module')
  const load = esm ? `import base from './${BASE}${ext}'` : `const base = require('./${BASE}${ext}')`
  const lines = [load]
  let expression = 'base'
  if (check)
    // The set-up's own reporter, after the suite's: it writes each test's outcome for the exclusions.
    expression = `{ ...base, reporters: [...(base.reporters ?? ['default']), ${JSON.stringify(check)}] }`
  if (variant !== 'plain') {
    lines.push(
      esm
        ? "import { withSteadfast } from 'steadfast/jest'"
        : "const { withSteadfast } = require('steadfast/jest')",
    )
    expression = `withSteadfast(${expression}${options ? `, ${JSON.stringify(options)}` : ''})`
  }
  if (variant === 'plain' && !check) return original
  return `${lines.join('\n')}\n\n${esm ? 'export default' : 'module.exports ='} ${expression}\n`
}

const JEST_RESULTS_REPORTER = `// The overhead bench's set-up: each test's outcome, for finding what fails in the plain run.
const { writeFileSync } = require('node:fs')
module.exports = class {
  onRunComplete(_contexts, results) {
    writeFileSync(process.env.STEADFAST_BENCH_RESULTS, JSON.stringify(results.testResults.map((file) => ({
      file: file.testFilePath,
      error: file.testExecError ? String(file.testExecError.message) : undefined,
      tests: file.testResults.map((t) => ({ name: t.fullName, status: t.status, message: t.failureMessages?.[0] })),
    }))))
  }
}
`

/** One check run's outcome as [{ file, error?, tests: [{ name, status, message? }] }]. */
function checkResults(kind, json, root) {
  if (kind === 'jest') return json.map((f) => ({ ...f, file: relative(root, f.file) }))
  return json.testResults.map((f) => ({
    file: relative(root, f.name),
    error: f.status === 'failed' && f.assertionResults.length === 0 ? f.message : undefined,
    tests: f.assertionResults.map((t) => ({
      name: t.fullName,
      status: t.status,
      message: t.failureMessages?.[0],
    })),
  }))
}

const firstLine = (text) =>
  String(text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .find(Boolean)
    ?.slice(0, 200) ?? ''

/**
 * Installs suite `name` from the checkout at `checkout` (see the top of this file). Returns what
 * the bench runs (`dir`, `runner`, `writeConfig(variant, options)`), `check()` for each cell, and
 * the set-up steps for the page.
 */
export async function prepareSuite(name, checkout, { log = console.log } = {}) {
  const suite = SUITES[name]
  if (!suite) throw new Error(`No suite "${name}": ${Object.keys(SUITES).join(', ')}, or generated`)
  if (!checkout || !existsSync(checkout))
    throw new Error(
      `Suite ${name} needs its checkout: --suite-dir=PATH or STEADFAST_BENCH_SUITE_DIR. Get it with\n  ${checkoutRecipe(suite)}`,
    )
  const steps = []
  const head = run('git', ['-C', checkout, 'rev-parse', 'HEAD'], { cwd: checkout })
  const commit = head.status === 0 ? head.stdout.trim() : undefined
  if (commit && commit !== suite.commit)
    throw new Error(
      `${checkout} is at ${commit}, not ${suite.commit}: git -C ${checkout} checkout ${suite.commit}`,
    )
  steps.push(
    commit
      ? `checkout at ${suite.commit} (verified with git)`
      : `checkout of ${suite.commit} (not a git work tree: the commit was not verified)`,
  )

  const root = join(tmpdir(), `steadfast-bench-suite-${name}-${randomBytes(4).toString('hex')}`)
  await cp(checkout, root, {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|\.git)$/.test(source),
  })
  steps.push('copied to a temp folder (without .git and node_modules)')
  const [command, args] = installCommand(suite)
  log(`${name}: ${command} ${args.join(' ')}`)
  const started = Date.now()
  mustRun(command, args, { cwd: root, env: { ...process.env, CI: 'true', HUSKY: '0' } })
  steps.push(`\`${command} ${args.join(' ')}\` (${Math.round((Date.now() - started) / 1000)} s)`)
  await installSteadfast(join(root, suite.modules))
  steps.push("Steadfast's built packages copied into node_modules (their own dependencies nested)")

  const dir = join(root, suite.cwd)
  const runner = suiteRunner(suite.kind, dir)
  const configPath = join(dir, suite.config)
  const original = await readFile(configPath, 'utf8')
  const ext = extname(suite.config)
  await writeFile(join(dir, `${BASE}${ext}`), original)
  const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'))
  const local = existsSync(join(dir, 'package.json'))
    ? JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'))
    : manifest
  const withType = { ...suite, type: local.type ?? manifest.type }
  const writeConfig = (variant, options, check) =>
    writeFile(configPath, configText(withType, original, variant, options, check))
  steps.push(
    `configs: plain is ${suite.config} as it is; "everything on" imports it and adds Steadfast (${
      suite.kind === 'vitest'
        ? "`steadfast()` from 'steadfast/vitest' in its plugins and its inline projects'"
        : "wrapped in `withSteadfast` from 'steadfast/jest'"
    }); each part alone passes the others as \`false\`; written in place before each run`,
  )
  const argsOf = (poolArgs) => [...(suite.kind === 'vitest' ? ['run', ...poolArgs] : []), ...suite.args]
  let setAside = []

  /**
   * `checkRuns` plain runs of the cell (its Node binary `node`, its `poolArgs`) that find the test
   * files with a test that fails or flakes there: those are set aside (renamed), the ones a previous
   * cell set aside put back first. Returns the cell's record of the suite.
   */
  async function check({ poolArgs, node, checkRuns }) {
    for (const file of setAside) await rename(join(dir, `${file}.steadfast-excluded`), join(dir, file))
    setAside = []
    const resultsFile = join(root, 'steadfast-bench-results.json')
    const reporter = join(root, 'steadfast-bench-reporter.cjs')
    if (suite.kind === 'jest') await writeFile(reporter, JEST_RESULTS_REPORTER)
    const failing = new Map()
    const counts = []
    const testsOf = new Map()
    for (let i = 0; i < checkRuns; i++) {
      await rm(resultsFile, { force: true })
      await writeConfig('plain', undefined, suite.kind === 'jest' ? reporter : undefined)
      const extra = suite.kind === 'vitest' ? ['--reporter=json', `--outputFile=${resultsFile}`] : []
      const started = Date.now()
      const result = await runRunner(runner, dir, [...argsOf(poolArgs), ...extra], {
        node,
        timeout: 1_800_000,
        env: { STEADFAST_BENCH_RESULTS: resultsFile },
      })
      if (!existsSync(resultsFile))
        throw new Error(
          `${name}: the plain check run wrote no results (exit ${result.exitCode})\n${result.stdout}\n${result.stderr}`.slice(
            -6000,
          ),
        )
      const files = checkResults(suite.kind, JSON.parse(await readFile(resultsFile, 'utf8')), dir)
      for (const f of files) testsOf.set(f.file, f.tests.length)
      const bad = files.filter((f) => f.error || f.tests.some((t) => t.status === 'failed'))
      for (const f of bad) {
        const entry = failing.get(f.file) ?? { file: f.file, runs: [], tests: new Map() }
        entry.runs.push(i + 1)
        if (f.error) entry.tests.set('(the file)', firstLine(f.error))
        for (const t of f.tests.filter((t) => t.status === 'failed'))
          entry.tests.set(t.name, firstLine(t.message))
        failing.set(f.file, entry)
      }
      counts.push({
        files: files.length,
        tests: files.reduce((n, f) => n + f.tests.length, 0),
        failedFiles: bad.length,
        wallS: Math.round((Date.now() - started) / 100) / 10,
      })
      log(
        `${name}: plain check run ${i + 1} of ${checkRuns}: ${files.length} files, ${bad.length} with failures (${counts.at(-1).wallS} s)`,
      )
    }
    await rm(resultsFile, { force: true })
    await writeConfig('plain')
    const excluded = [...failing.values()].map((f) => ({
      file: f.file,
      why:
        f.runs.length === checkRuns
          ? `failed in every plain check run (${checkRuns})`
          : `flaky: failed in plain check run ${f.runs.join(', ')} of ${checkRuns}`,
      tests: [...f.tests].map(([test, message]) => ({ test, message })),
    }))
    for (const { file } of excluded) await rename(join(dir, file), join(dir, `${file}.steadfast-excluded`))
    setAside = excluded.map((e) => e.file)
    const kept = [...testsOf].filter(([file]) => !failing.has(file))
    return {
      name,
      repo: suite.repo,
      commit: suite.commit,
      commitDate: suite.date,
      about: suite.about,
      checkout: checkoutRecipe(suite),
      cwd: suite.cwd,
      args: argsOf(poolArgs),
      steps: [
        ...steps,
        `${checkRuns} plain check run${checkRuns === 1 ? '' : 's'} with the cell's Node and pool; ${excluded.length} failing or flaky test file${excluded.length === 1 ? '' : 's'} set aside (renamed \`*.steadfast-excluded\`)`,
      ],
      checkRuns: counts,
      excluded,
      files: kept.length,
      tests: kept.reduce((n, [, count]) => n + count, 0),
    }
  }

  return { dir, root, runner, argsOf, writeConfig, check }
}
