// Monorepo configs: Vitest `test.projects` and Jest `projects`. One config line at the root gives
// one report with the whole run's counts, and every part is active in every project.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { type FixtureRun, JEST_RUNNERS, runFixture, VITEST_RUNNERS } from '../harness/index.js'

const FILE = (header: string, name: string): string => `${header}
test('culprit ${name}', async () => {
  Promise.reject(new Error('boom-${name}'))
  await new Promise((resolve) => setTimeout(resolve, 30))
})
test('warns ${name}', () => {
  for (let i = 0; i < 5000; i++) process.emitWarning('the widget flag is deprecated', 'DeprecationWarning', 'DEP_WIDGET')
})
`
const VITEST_FILE = (name: string): string => FILE("import { test } from 'vitest'", name)
const JEST_FILE = (name: string): string => FILE("const { test } = require('@jest/globals')", name)

const count = (text: string, part: string): number => text.split(part).length - 1

function expectOneReport(run: FixtureRun, runnerName: 'Vitest' | 'Jest'): void {
  const output = `${run.stdout}\n${run.stderr}`
  expect(run.exitCode, output).toBe(1)
  expect(run.states()).toEqual({
    'culprit one': 'failed',
    'warns one': 'passed',
    'culprit two': 'failed',
    'warns two': 'passed',
  })
  // Each culprit is failed by the rejections part, in its own project.
  for (const name of ['one', 'two'])
    expect(run.test(`culprit ${name}`).errors.join('\n'), output).toMatch(
      new RegExp(`Unhandled rejection caused by test "culprit ${name}"[\\s\\S]*Error: boom-${name}`),
    )
  // One summary per part and one overview, with the whole run's counts.
  expect(count(output, `Steadfast (${runnerName}): `), output).toBe(1)
  expect(count(output, '@steadfast/rejections: 2 unhandled errors in 2 places'), output).toBe(1)
  expect(count(output, '@steadfast/warnings: 10000 warnings of'), output).toBe(1)
  expect(output).not.toMatch(/@steadfast\/(rejections|warnings): (no unhandled|0 warnings)/)
  expect(output).toMatch(/@steadfast\/warnings: 10000 warnings of \d kinds? from 2 files/)
  expect(output).not.toContain('(main process)')

  // The artifacts a CI step reads hold the whole run, not the last project's.
  const dir = join(run.dir, '.steadfast')
  expect(JSON.parse(readFileSync(join(dir, 'warnings.json'), 'utf8')).total).toBe(10000)
  const report = JSON.parse(readFileSync(join(dir, 'steadfast-report.json'), 'utf8'))
  expect(report.parts.rejections.counts).toMatchObject({ errors: 2, failing: 2 })
  expect(report.parts.warnings.counts).toMatchObject({ warnings: 10000 })
}

// Vitest 5 does not hand the projects what the plugin's config hook adds to the root (its setup
// file): the plugin gives it to each project in configureVitest (core's shareSetupFiles).
describe.concurrent.each(VITEST_RUNNERS)('steadfast/vitest with test.projects in %s', (runner) => {
  test('one plugin at the root: one report, right counts, every part in both projects', async () => {
    const run = await runFixture({
      runner,
      files: {
        'vitest.config.mjs': `import steadfast from 'steadfast/vitest'
export default { plugins: [steadfast()], test: { projects: [
  { extends: true, test: { name: 'one', include: ['one/**/*.test.js'] } },
  { extends: true, test: { name: 'two', include: ['two/**/*.test.js'], pool: 'threads' } },
] } }
`,
        'one/a.test.js': VITEST_FILE('one'),
        'two/b.test.js': VITEST_FILE('two'),
      },
    })
    expectOneReport(run, 'Vitest')
  })
})

describe.concurrent.each(JEST_RUNNERS)('steadfast/jest with projects in %s', (runner) => {
  const project = (name: string): string =>
    `{ displayName: '${name}', testEnvironment: 'node', transform: {}, testMatch: ['<rootDir>/${name}/**/*.test.js'] }`

  test('withSteadfast at the root: one report, right counts, every part in both projects', async () => {
    const run = await runFixture({
      runner,
      files: {
        'jest.config.js': `const { withSteadfast } = require('steadfast/jest')
module.exports = withSteadfast({ projects: [${project('one')}, ${project('two')}] })
`,
        'one/a.test.js': JEST_FILE('one'),
        'two/b.test.js': JEST_FILE('two'),
      },
    })
    expectOneReport(run, 'Jest')
  })

  test('a project given as a path is named with the fix, before any test runs', async () => {
    const run = await runFixture({
      runner,
      files: {
        'jest.config.js': `const { withSteadfast } = require('steadfast/jest')
module.exports = withSteadfast({ projects: [${project('one')}, 'two'] })
`,
        'one/a.test.js': JEST_FILE('one'),
        'two/jest.config.js': `module.exports = ${project('two')}\n`,
        'two/b.test.js': JEST_FILE('two'),
      },
    })
    const output = `${run.stdout}\n${run.stderr}`
    expect(run.exitCode, output).toBe(1)
    expect(output).toContain(`projects[1]: "two" is a path Jest reads a config from`)
    expect(output).toContain(`{ ...require('./two/jest.config.js'), rootDir: '<rootDir>/two' }`)
    expect(run.report.tests).toEqual([])
  })
})
