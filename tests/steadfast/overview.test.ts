import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { type FixtureRun, JEST_RUNNERS, runFixture, VITEST_RUNNERS } from '../harness/index.js'

// A suite that fails for its own reasons: 24 plain assertion failures, nothing Steadfast finds but
// one warning (a finding that fails nothing), as the user's suite of issue 13 did.
const OWN_FAILURES = (header: string): string => `${header}
test('passes', () => {
  process.emitWarning('the old flag is deprecated', 'DeprecationWarning', 'DEP_OVERVIEW')
})

for (let i = 1; i <= 24; i++) {
  test('compares ' + i, () => {
    expect(i).toBe(0)
  })
}
`
const ALL_PASS = (header: string): string => `${header}
test('passes', () => {
  expect(1).toBe(1)
})
`
const VITEST = "import { expect, test } from 'vitest'"
const JEST = "const { expect, test } = require('@jest/globals')"

const vitestConfig = (options: string): string =>
  `import steadfast from 'steadfast/vitest'\nexport default { plugins: [steadfast(${options})] }\n`
const jestConfig = (options: string): string =>
  `const { withSteadfast } = require('steadfast/jest')\nmodule.exports = withSteadfast({ testEnvironment: 'node', transform: {} }, ${options})\n`

function overview(run: FixtureRun): string {
  const output = `${run.stdout}\n${run.stderr}`
  if (process.env.SHOW_OVERVIEW) console.log(output.slice(output.indexOf('──') - 1))
  const at = output.indexOf('Steadfast (')
  expect(at, output).toBeGreaterThan(-1)
  return output.slice(at).split('\n')[0] as string
}

const reportJson = (run: FixtureRun): Record<string, unknown> =>
  JSON.parse(readFileSync(join(run.dir, '.steadfast', 'steadfast-report.json'), 'utf8'))

describe.concurrent.each([...VITEST_RUNNERS, ...JEST_RUNNERS])('the overview in %s', (runner) => {
  const vitest = runner.startsWith('vitest')
  const header = vitest ? VITEST : JEST
  const config = (options: string): Record<string, string> =>
    vitest ? { 'vitest.config.mjs': vitestConfig(options) } : { 'jest.config.js': jestConfig(options) }
  const name = vitest ? 'Vitest' : 'Jest'

  test('says no part failed the run and that the tests failed on their own, never "passed"', async () => {
    const run = await runFixture({
      runner,
      files: { ...config('{ perf: false }'), 'suite.test.js': OWN_FAILURES(header) },
    })
    expect(run.exitCode).toBe(1)
    expect(run.report.numFailed).toBe(24)
    expect(overview(run)).toBe(
      `Steadfast (${name}): findings that failed nothing; 24 tests failed on their own`,
    )
    expect(reportJson(run)).toMatchObject({
      status: 'failed',
      partsStatus: 'warned',
      headline: 'findings that failed nothing; 24 tests failed on their own',
      run: { status: 'failed', tests: 25, failedTests: 24, failedFiles: 0 },
    })
  })

  test('says all clear only when nothing was found and the run passed', async () => {
    const run = await runFixture({
      runner,
      files: { ...config('{ perf: false }'), 'suite.test.js': ALL_PASS(header) },
    })
    expect(run.exitCode).toBe(0)
    expect(overview(run)).toBe(`Steadfast (${name}): all clear; the run passed`)
    expect(reportJson(run)).toMatchObject({
      status: 'passed',
      partsStatus: 'passed',
      run: { status: 'passed', tests: 1, failedTests: 0 },
    })
  })

  test('a part that fails a run whose tests all pass says so (a warnings budget)', async () => {
    const run = await runFixture({
      runner,
      files: {
        ...config('{ perf: false, warnings: { budget: { maxTotal: 0 } } }'),
        'suite.test.js': OWN_FAILURES(header).replace('toBe(0)', 'toBe(i)'),
      },
    })
    expect(run.exitCode).toBe(1)
    expect(overview(run)).toBe(`Steadfast (${name}): a part failed the run; all 25 tests passed`)
    expect(reportJson(run)).toMatchObject({ status: 'failed', partsStatus: 'failed' })
  })
})
