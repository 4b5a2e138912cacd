import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { type FixtureRun, JEST_RUNNERS, runFixture, VITEST_RUNNERS } from '../harness/index.js'
import { ATTRIBUTION_ERRORS, attributionProject, pluginConfig } from './_fixtures.js'

function errorsOf(run: FixtureRun, name: string): string {
  return run.test(name).errors.join('\n')
}

/** The attribution project's outcome, test by test and file by file, as it must be on every runner. */
function expectExactAttribution(run: FixtureRun): void {
  expect(run.states()).toEqual({
    'culprit rejection': 'failed',
    'culprit timer throw': 'failed',
    'culprit in setImmediate': 'failed',
    'handled later in the same test': 'passed',
    'concurrent > culprit': 'failed',
    'concurrent > innocent': 'passed',
    'late culprit': 'passed',
    'innocent after the late one': 'passed',
    'innocent a': 'passed',
    'innocent in another file': 'passed',
  })
  expect(errorsOf(run, 'culprit rejection')).toMatch(
    /Unhandled rejection caused by test "culprit rejection" \(a promise created in it rejected and nothing handled it\):\s+Error: boom-culprit/,
  )
  expect(errorsOf(run, 'culprit timer throw')).toMatch(
    /Uncaught exception caused by test "culprit timer throw" \(a callback it scheduled threw\):\s+Error: boom-timer/,
  )
  expect(errorsOf(run, 'culprit in setImmediate')).toMatch(
    /Unhandled rejection caused by test "culprit in setImmediate"[\s\S]*Error: boom-immediate/,
  )
  expect(errorsOf(run, 'concurrent > culprit')).toMatch(
    /Unhandled rejection caused by test "concurrent > culprit" \(a promise created in it rejected and nothing handled it\):\s+Error: boom-concurrent/,
  )
  expect(errorsOf(run, 'concurrent > culprit')).not.toMatch(/boom-culprit|boom-late/)

  const fileErrors = Object.fromEntries(run.report.files.map((f) => [f.file, f.message]))
  expect(fileErrors['attribution.test.js']).toMatch(
    /Unhandled rejection from test "late culprit", after it had ended: Error: boom-late/,
  )
  expect(fileErrors['file-level.test.js']).toMatch(
    /Unhandled rejection from module load of file-level\.test\.js: Error: boom-module-load/,
  )
  expect(fileErrors['file-level.test.js']).toMatch(
    /Unhandled rejection from beforeAll of file-level\.test\.js: Error: boom-beforeAll/,
  )
  expect(fileErrors['innocent.test.js'] ?? '').toBe('')
  expect(run.exitCode).toBe(1)

  const artifact = JSON.parse(readFileSync(join(run.dir, '.steadfast', 'rejections.json'), 'utf8'))
  expect(artifact.records.map((r: { message: string }) => r.message).sort()).toEqual(ATTRIBUTION_ERRORS)
  expect(run.stdout).toMatch(/@steadfast\/rejections: 7 unhandled errors/)
  // Nothing of a finished file is read later (Jest warns when a soft-deleted global is).
  expect(run.stderr).not.toContain('soft deleted')
}

describe.concurrent.each([...VITEST_RUNNERS, ...JEST_RUNNERS])('@steadfast/rejections in %s', (runner) => {
  test('fails exactly the tests that caused unhandled errors, and the files that caused late ones', async () => {
    const run = await runFixture({ runner, files: attributionProject(runner.startsWith('vitest')) })
    expectExactAttribution(run)
  })
})

describe.concurrent.each(['threads'])('@steadfast/rejections in vitest4 with --pool=%s', (pool) => {
  test('attributes every error exactly as in the default pool', async () => {
    const run = await runFixture({
      runner: 'vitest4',
      files: attributionProject(true),
      args: [`--pool=${pool}`],
    })
    expectExactAttribution(run)
  })
})

describe.concurrent.each([...VITEST_RUNNERS, ...JEST_RUNNERS])(
  '@steadfast/rejections in %s, one process for two files',
  (runner) => {
    test('an error that outlives its whole file is handed to the runner, never lost', async () => {
      const vitest = runner.startsWith('vitest')
      const header = vitest
        ? "import { test } from 'vitest'\n"
        : "const { test } = require('@jest/globals')\n"
      const run = await runFixture({
        runner,
        files: {
          ...pluginConfig(vitest),
          'a.test.js': `${header}test('leaves a timer that rejects later', () => {\n  setTimeout(() => Promise.reject(new Error('boom-after-file')), 300)\n})\n`,
          'b.test.js': `${header}test('runs long enough', async () => {\n  await new Promise((r) => setTimeout(r, 1000))\n})\n`,
        },
        args: vitest ? ['--no-isolate', '--no-file-parallelism'] : ['--runInBand'],
      })
      expect(run.exitCode).toBe(1)
      expect(`${run.stdout}\n${run.stderr}`).toContain(
        '[steadfast/rejections] Unhandled rejection from test "leaves a timer that rejects later", after it had ended: Error: boom-after-file (after its file had ended; handed to the runner)',
      )
    })
  },
)

describe.concurrent.each([...VITEST_RUNNERS, ...JEST_RUNNERS])(
  '@steadfast/rejections in %s, beforeEach and afterEach hooks',
  (runner) => {
    test('an error from a beforeEach or afterEach fails its test, naming the hook', async () => {
      const vitest = runner.startsWith('vitest')
      const header = vitest
        ? "import { afterEach, beforeEach, describe, test } from 'vitest'\n"
        : "const { afterEach, beforeEach, describe, test } = require('@jest/globals')\n"
      const run = await runFixture({
        runner,
        files: {
          ...pluginConfig(vitest),
          'hooks.test.js': `${header}
const pause = () => new Promise((resolve) => setTimeout(resolve, 30))
describe('set up', () => {
  beforeEach(() => { Promise.reject(new Error('boom-beforeEach')) })
  test('guarded', async () => { await pause() })
})
describe('torn down', () => {
  afterEach(async () => { Promise.reject(new Error('boom-afterEach')); await pause() })
  test('cleaned', () => {})
})
test('innocent', async () => { await pause() })
`,
        },
      })
      expect(run.states()).toEqual({
        'set up > guarded': 'failed',
        'torn down > cleaned': 'failed',
        innocent: 'passed',
      })
      expect(errorsOf(run, 'set up > guarded')).toMatch(
        /Unhandled rejection caused by the beforeEach hook of test "set up > guarded" \(a promise created in it rejected and nothing handled it\):\s+Error: boom-beforeEach/,
      )
      expect(errorsOf(run, 'torn down > cleaned')).toMatch(
        /Unhandled rejection caused by the afterEach hook of test "torn down > cleaned"[\s\S]*Error: boom-afterEach/,
      )
    })
  },
)

describe.concurrent.each(VITEST_RUNNERS)(
  '@steadfast/rejections in %s with test.extend fixtures',
  (runner) => {
    test('a file that uses fixtures runs, and its culprit is still blamed exactly', async () => {
      const run = await runFixture({
        runner,
        files: {
          ...pluginConfig(true),
          'fixtures.test.js': `import { test as base } from 'vitest'
const test = base.extend({ answer: async ({}, use) => { await use(42) } })
test('uses a fixture', ({ answer }) => {
  if (answer !== 42) throw new Error('no fixture')
})
test('culprit with a fixture', async ({ answer }) => {
  Promise.reject(new Error('boom-' + answer))
  await new Promise((resolve) => setTimeout(resolve, 30))
})
`,
        },
      })
      expect(run.states()).toEqual({ 'uses a fixture': 'passed', 'culprit with a fixture': 'failed' })
      expect(errorsOf(run, 'culprit with a fixture')).toMatch(
        /Unhandled rejection caused by test "culprit with a fixture"[\s\S]*Error: boom-42/,
      )
    })
  },
)
