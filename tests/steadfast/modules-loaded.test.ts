// Deterministic guards of the per-file cost: in a real worker with everything on, a test file that
// uses nothing of Steadfast runs one beforeAll and one afterAll of ours, and loads only a handful of
// our modules and none of what loads on first use (zod, picomatch, tinybench, the perf engine).
// Vitest's default forks pool starts a process per test file, so every module a setup file brings
// is paid again in every file (docs/design/overhead.md).
// Counted, not timed: a loader hook, a CommonJS loader wrapper and a `vm.Script` wrapper write every
// file a process loads.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { runFixture } from '../harness/index.js'

const PRELOAD = `
const { appendFileSync } = require('node:fs')
const Module = require('node:module')
const log = (what) => appendFileSync(process.env.MODULES_LOG, process.pid + ' ' + what + '\\n')
const js = Module._extensions['.js']
Module._extensions['.js'] = function (module, filename) {
  log(filename)
  return js.call(this, module, filename)
}
Module.register(require('node:url').pathToFileURL(__dirname + '/hooks.mjs'))
// core's code-cached loader compiles our CommonJS runtimes itself: each script is a module too.
const vm = require('node:vm')
const Script = vm.Script
vm.Script = class extends Script {
  constructor(code, options) {
    super(code, options)
    // Marked: what core's code-cached loader compiles (the workers' runtimes, Jest's reporters).
    if (options && options.filename) log('vm:' + options.filename)
  }
}
// Jest compiles what its module registry evaluates in a test file's sandbox (setup files and all
// they require) with vm.compileFunction: ours count too, once per test file. Jest's own modules go
// that way as well (jest-util brings picomatch 4 into every sandbox): those are not ours to count.
const compileFunction = vm.compileFunction
vm.compileFunction = function (code, params, options) {
  if (options && /[\\/](@steadfast[\\/][\\w-]+|steadfast)[\\/]dist[\\/]/.test(options.filename || '')) log('sandbox:' + options.filename)
  return compileFunction.call(this, code, params, options)
}
`
const HOOKS = `
import { appendFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(process.env.MODULES_LOG, process.pid + ' ' + fileURLToPath(url) + '\\n')
  return next(url, context)
}
`
/**
 * What must never load before it is used: our dependencies as pnpm installs them (picomatch 4 is
 * ours; Jest brings its own picomatch 2 through micromatch), and the perf engine's chunks.
 */
const ON_FIRST_USE =
  /\/(zod|tinybench|why-is-node-running)@|\/picomatch@4\.|@steadfast\/perf\/dist\/\w+\/(gate\.js|_chunk-(gate|calibrate|_round|_stats)-)/
const OURS = /\/node_modules\/(@steadfast\/[\w-]+|steadfast)\/dist\//
/**
 * Our modules a Vitest worker may load for a file that uses nothing: today 6, the umbrella's loader
 * (core's worker entry), core, and one file for each part's runtime (each built self-contained, and
 * compiled from the code cache). It was 24 when each runtime loaded its package's chunks.
 */
const VITEST_MOST = 6
/**
 * The same in a Jest worker, where a module costs most when Jest's registry evaluates it again in
 * each test file's sandbox: there, today 2, the umbrella's one setup file and core's jest-host
 * entry. Once a worker, outside the sandboxes, as in Vitest: today 5, core's loader (its worker
 * entry), core, and one file for each part's runtime, compiled from the code cache. It was 24, all
 * in the sandboxes, with a setup file a part, each bringing core and its chunks.
 */
const JEST_PER_FILE = 2
const JEST_PER_WORKER = 5

/** A Vitest 4 project with every part on. */
const VITEST_EVERYTHING_ON = {
  'package.json': JSON.stringify({ name: 'fixture', private: true, type: 'module' }),
  'vitest.config.js': "import steadfast from 'steadfast/vitest'\nexport default { plugins: [steadfast()] }\n",
}

/** The files each process loaded, by pid. */
function loadsByProcess(log: string): Map<string, string[]> {
  const byPid = new Map<string, string[]>()
  for (const line of log.trim().split('\n')) {
    const [pid = '', file = ''] = line.split(' ')
    // A set: the hooks run on the loader's own thread too, which logs a module a second time.
    byPid.set(pid, [...new Set([...(byPid.get(pid) ?? []), file])])
  }
  return byPid
}

describe.concurrent('modules a worker loads with everything on', () => {
  test('Vitest 4: a handful of ours, and none of what loads on first use', async () => {
    const run = await runFixture({
      runner: 'vitest4',
      files: {
        ...VITEST_EVERYTHING_ON,
        'preload.cjs': PRELOAD,
        'hooks.mjs': HOOKS,
        'empty.test.js':
          "import { expect, test } from 'vitest'\ntest('uses nothing', () => expect(1).toBe(1))\n",
      },
      env: { NODE_OPTIONS: '--require ./preload.cjs', MODULES_LOG: 'modules.log' },
    })
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    const byPid = loadsByProcess(readFileSync(`${run.dir}/modules.log`, 'utf8'))
    const workers = [...byPid.values()].filter((files) =>
      files.some((f) => /vitest\/dist\/workers\//.test(f)),
    )
    expect(workers).toHaveLength(1)
    const ours = (workers[0] ?? []).filter((f) => OURS.test(f))
    expect(ours.length, ours.join('\n')).toBeGreaterThan(0)
    expect(ours.length, ours.join('\n')).toBeLessThanOrEqual(VITEST_MOST)
    expect((workers[0] ?? []).filter((f) => ON_FIRST_USE.test(f))).toEqual([])
  })

  test('Jest 30: a handful of ours in each worker, and none of what loads on first use', async () => {
    const file = "test('uses nothing', () => expect(1).toBe(1))\n"
    const run = await runFixture({
      runner: 'jest30',
      files: {
        'package.json': JSON.stringify({ name: 'fixture', private: true }),
        'jest.config.js':
          "const { withSteadfast } = require('steadfast/jest')\nmodule.exports = withSteadfast({ testEnvironment: 'node', transform: {} })\n",
        'preload.cjs': PRELOAD,
        'hooks.mjs': HOOKS,
        // Two files and two workers: Jest runs a single file in its own process.
        'a.test.js': file,
        'b.test.js': file,
      },
      args: ['--maxWorkers=2'],
      env: { NODE_OPTIONS: `--require ${'./preload.cjs'}`, MODULES_LOG: 'modules.log' },
    })
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    const byPid = loadsByProcess(readFileSync(`${run.dir}/modules.log`, 'utf8'))
    const workers = [...byPid.values()].filter((files) =>
      files.some((f) => /jest-worker\/build\/(workers\/)?processChild/.test(f)),
    )
    expect(workers.length).toBeGreaterThan(0)
    // Jest's main process: one reporter of ours, which loads the parts' reporters from the code cache.
    const main = [...byPid.values()].find(
      (files) => !workers.includes(files) && files.some((f) => /@jest\/core\/build\//.test(f)),
    )
    const reporters = (main ?? []).filter((f) => /\/jest-reporter\.js$/.test(f) && OURS.test(f))
    expect(
      reporters.filter((f) => !f.startsWith('vm:')).map((f) => f.replace(/.*node_modules\//, '')),
    ).toEqual(['steadfast/dist/cjs/jest-reporter.js'])
    expect(reporters.filter((f) => f.startsWith('vm:'))).toHaveLength(4)
    // Options travel one way: withSteadfast resolved them as the config loaded, and the parts'
    // reporters take them as they are, loading no options module (nor the schema) again.
    expect(
      (main ?? []).filter(
        (f) => f.startsWith('vm:') && /\/(options|pluginOptions)\.js$|_chunk-options-/.test(f),
      ),
    ).toEqual([])
    // A worker Jest started but gave no file to loads nothing of ours; one that ran a file, some.
    expect(workers.some((files) => files.some((f) => f.startsWith('sandbox:') && OURS.test(f)))).toBe(true)
    for (const files of workers) {
      const ours = files.filter((f) => OURS.test(f))
      const perFile = ours.filter((f) => f.startsWith('sandbox:'))
      expect(perFile.length, ours.join('\n')).toBeLessThanOrEqual(JEST_PER_FILE)
      expect(ours.length - perFile.length, ours.join('\n')).toBeLessThanOrEqual(JEST_PER_WORKER)
      expect(files.filter((f) => ON_FIRST_USE.test(f))).toEqual([])
    }
    // The workers wrote the code cache of what they compiled (Jest's main process loads no runtime):
    // core's loader names a cache by the file's size and modification time.
    const [cacheDir] = readdirSync(`${run.dir}/node_modules/.cache/steadfast`)
    const caches = readdirSync(`${run.dir}/node_modules/.cache/steadfast/${cacheDir}`)
    const runtimes = workers.flat().filter((f) => f.startsWith('vm:') && /_jest\w+\.js$/.test(f))
    expect(runtimes.length).toBeGreaterThan(0)
    for (const runtime of runtimes) {
      const { size, mtimeMs } = statSync(runtime.slice('vm:'.length))
      expect(
        caches.filter((name) => name.endsWith(`-${size}-${Math.trunc(mtimeMs)}.bin`)),
        runtime,
      ).toHaveLength(1)
    }
  })
})

test('Vitest 4: one beforeAll and one afterAll of ours a file, no hook a test', async () => {
  // Vitest wraps every hook it runs in a timeout timer and reads its source for fixtures: the
  // parts' file-level hooks run inside core's one pair (docs/design/overhead.md).
  const run = await runFixture({
    runner: 'vitest4',
    files: {
      ...VITEST_EVERYTHING_ON,
      'hooks.test.js': [
        "import { writeFileSync } from 'node:fs'",
        "import { TestRunner, test } from 'vitest'",
        "test('counts the file hooks', ({ task }) => {",
        '  const hooks = TestRunner.getSuiteHooks(task.file)',
        '  const counts = Object.fromEntries(Object.entries(hooks).map(([kind, list]) => [kind, list.length]))',
        "  writeFileSync('hooks.json', JSON.stringify(counts))",
        '})',
      ].join('\n'),
    },
  })
  expect(run.exitCode, run.stdout + run.stderr).toBe(0)
  const counts = JSON.parse(readFileSync(`${run.dir}/hooks.json`, 'utf8'))
  expect(counts).toMatchObject({ beforeAll: 1, afterAll: 1, beforeEach: 0, afterEach: 0 })
})
