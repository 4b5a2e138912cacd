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

/** A config refused before any test ran: the run fails, naming the fix, without frames of ours. */
function expectRefused(run: FixtureRun, ...says: string[]): void {
  const output = `${run.stdout}\n${run.stderr}`
  expect(run.exitCode, output).toBe(1)
  for (const text of says) expect(output).toContain(text)
  expect(output).not.toMatch(/at .*node_modules[\\/](steadfast|@steadfast)/)
  expect(run.report.tests).toEqual([])
}

/** A project that ran without the setup file: never a ✓ for a part that saw none of its tests. */
function expectNotActiveIn(run: FixtureRun, project: string): void {
  const output = `${run.stdout}\n${run.stderr}`
  for (const part of ['rejections', 'warnings', 'perf'])
    expect(output).toMatch(
      new RegExp(`! ${part} +not active in project "${project}" \\(their setup files lack Steadfast's`),
    )
  expect(output).not.toMatch(/✓ (rejections|warnings|perf) /)
  expect(output).not.toContain('all clear')
  const report = JSON.parse(readFileSync(join(run.dir, '.steadfast', 'steadfast-report.json'), 'utf8'))
  expect(report.parts.rejections.status).toBe('warned')
  expect(report.parts.rejections.headline).toContain(`not active in project "${project}"`)
}

const PASSING = (header: string): string => `${header}\ntest('fine', () => {})\n`

describe.concurrent.each(VITEST_RUNNERS)('steadfast/vitest: a project without the plugin in %s', (runner) => {
  // Vitest 3.2 and 4 give such a project none of the root's plugins; Vitest 5 gives it all of them,
  // so there every part is active in it, as a culprit in it shows.
  const without = !runner.startsWith('vitest5')
  test(`a project that does not extend the root: ${without ? 'named in the report, never ✓' : 'every part active in it'}`, async () => {
    const run = await runFixture({
      runner,
      files: {
        'vitest.config.mjs': `import steadfast from 'steadfast/vitest'
export default { plugins: [steadfast()], test: { projects: [
  { extends: true, test: { name: 'one', include: ['one/**/*.test.js'] } },
  { test: { name: 'two', include: ['two/**/*.test.js'] } },
] } }
`,
        'one/a.test.js': PASSING("import { test } from 'vitest'"),
        'two/b.test.js': without ? PASSING("import { test } from 'vitest'") : VITEST_FILE('two'),
      },
    })
    const output = `${run.stdout}\n${run.stderr}`
    if (without) {
      expect(run.exitCode, output).toBe(0)
      expectNotActiveIn(run, 'two')
      expect(run.stdout).toContain('give the project extends: true, or steadfast() in its plugins')
    } else {
      expect(run.exitCode, output).toBe(1)
      expect(run.test('culprit two').errors.join('\n'), output).toMatch(
        /Unhandled rejection caused by test "culprit two"/,
      )
      expect(output).toMatch(/@steadfast\/warnings: 5000 warnings of/)
      expect(output).not.toContain('not active in')
    }
  })
})

describe.concurrent.each(JEST_RUNNERS)('steadfast/jest with projects in %s', (runner) => {
  const project = (name: string): string =>
    `{ displayName: '${name}', testEnvironment: 'node', transform: {}, testMatch: ['<rootDir>/${name}/**/*.test.js'] }`
  /** Projects one and two, each with its culprit and its warnings, under `config` (after the require). */
  const runProjects = (config: string, more: Record<string, string> = {}): Promise<FixtureRun> =>
    runFixture({
      runner,
      files: {
        'jest.config.js': `const { withSteadfast } = require('steadfast/jest')\n${config}`,
        'one/a.test.js': JEST_FILE('one'),
        'two/b.test.js': JEST_FILE('two'),
        ...more,
      },
    })

  test('withSteadfast at the root: one report, right counts, every part in both projects', async () => {
    const run =
      await runProjects(`module.exports = withSteadfast({ projects: [${project('one')}, ${project('two')}] })
`)
    expectOneReport(run, 'Jest')
  })

  // How most Jest monorepos are written: each project's config wrapped on its own, the root a bare
  // list. Jest takes reporters only from the root, so the report comes from the projects' global
  // setup and teardown (Jest runs one module of a path once a run, whichever projects name it).
  test('withSteadfast around each project and not the root: one report, right counts', async () => {
    const run =
      await runProjects(`module.exports = { projects: [withSteadfast(${project('one')}), withSteadfast(${project('two')})] }
`)
    expectOneReport(run, 'Jest')
  })

  test('a project with global hooks of its own keeps them; another project reports', async () => {
    const run = await runProjects(
      `const one = { ...${project('one')}, globalSetup: '<rootDir>/one/setup.js', globalTeardown: '<rootDir>/one/teardown.js' }
module.exports = { projects: [withSteadfast(one), withSteadfast(${project('two')})] }
`,
      {
        'one/setup.js': "module.exports = () => { console.log('own setup of one') }\n",
        'one/teardown.js': "module.exports = () => { console.log('own teardown of one') }\n",
      },
    )
    expectOneReport(run, 'Jest')
    expect(run.stdout).toContain('own setup of one')
    expect(run.stdout).toContain('own teardown of one')
  })

  test('a bare project beside the wrapped ones is named in the report, never ✓', async () => {
    const run = await runFixture({
      runner,
      files: {
        'jest.config.js': `const { withSteadfast } = require('steadfast/jest')
module.exports = { projects: [withSteadfast(${project('one')}), withSteadfast(${project('two')}), ${project('three')}] }
`,
        'one/a.test.js': PASSING("const { test } = require('@jest/globals')"),
        'two/b.test.js': PASSING("const { test } = require('@jest/globals')"),
        'three/c.test.js': PASSING("const { test } = require('@jest/globals')"),
      },
    })
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    expectNotActiveIn(run, 'three')
  })

  test('a project whose setup files were replaced after wrapping is named in the report', async () => {
    const run = await runFixture({
      runner,
      files: {
        'jest.config.js': `const { withSteadfast } = require('steadfast/jest')
const config = withSteadfast({ projects: [${project('one')}, ${project('two')}] })
config.projects[1].setupFilesAfterEnv = []
module.exports = config
`,
        'one/a.test.js': PASSING("const { test } = require('@jest/globals')"),
        'two/b.test.js': PASSING("const { test } = require('@jest/globals')"),
      },
    })
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    expectNotActiveIn(run, 'two')
    expect(run.stdout).toContain('wrap the root config: module.exports = withSteadfast({ projects: [...] })')
  })

  test('every wrapped project has global hooks of its own: named at config time, with the fix', async () => {
    const hooks = (name: string): string =>
      `globalSetup: '<rootDir>/${name}/setup.js', globalTeardown: '<rootDir>/${name}/teardown.js'`
    const run = await runProjects(
      `module.exports = { projects: [
  withSteadfast({ ...${project('one')}, ${hooks('one')} }),
  withSteadfast({ ...${project('two')}, ${hooks('two')} }),
] }
`,
      {
        'one/setup.js': 'module.exports = () => {}\n',
        'one/teardown.js': 'module.exports = () => {}\n',
        'two/setup.js': 'module.exports = () => {}\n',
        'two/teardown.js': 'module.exports = () => {}\n',
      },
    )
    expectRefused(
      run,
      "Steadfast's report has no place to run",
      'module.exports = withSteadfast({ projects: [...] })',
    )
  })

  test('projects wrapped with different options: named at config time, with the fix', async () => {
    const run = await runProjects(`module.exports = { projects: [
  withSteadfast(${project('one')}, { rejections: { leaks: 'fail' } }),
  withSteadfast(${project('two')}, { rejections: { leaks: 'warn' } }),
] }
`)
    expectRefused(
      run,
      'withSteadfast was given different options in one config',
      'module.exports = withSteadfast({ projects: [...] }, options)',
    )
  })

  test('a project given as a path is named with the fix, before any test runs', async () => {
    const run = await runProjects(
      `module.exports = withSteadfast({ projects: [${project('one')}, 'two'] })
`,
      {
        'two/jest.config.js': `module.exports = ${project('two')}\n`,
      },
    )
    expectRefused(
      run,
      `projects[1]: "two" is a path Jest reads a config from`,
      `{ ...require('./two/jest.config.js'), rootDir: '<rootDir>/two' }`,
    )
  })
})
