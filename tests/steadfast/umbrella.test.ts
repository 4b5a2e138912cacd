import { describe, expect, test } from 'vitest'
import { JEST_RUNNERS, runFixture, VITEST_RUNNERS } from '../harness/index.js'
import { WORK } from '../perf/_fixtures.js'

const CULPRIT_TESTS = (header: string): string => `${header}
test('culprit', async () => {
  Promise.reject(new Error('boom-umbrella'))
  await new Promise((resolve) => setTimeout(resolve, 30))
})

test('innocent', async () => {
  process.emitWarning('the umbrella flag is deprecated', 'DeprecationWarning', 'DEP_UMBRELLA')
  await new Promise((resolve) => setTimeout(resolve, 30))
})
`
const VITEST_TESTS = CULPRIT_TESTS("import { test } from 'vitest'")
const JEST_TESTS = CULPRIT_TESTS("const { test } = require('@jest/globals')")
// A perf gate on work with a 2x difference: the matchers are there, and the verdict holds on a busy machine.
const GATE = `${WORK}
test('a 2x faster function passes its gate', async () => {
  await expect(fast).toBeFasterThan(slow)
}, 60_000)
`
const VITEST_GATE = `import { expect, test } from 'vitest'\n${GATE}`
// The engine, required from a Jest test file through the umbrella (tinybench is an ES module that
// Jest's registry cannot load: the engine loads it with Node's own require).
const JEST_GATE = `const { expect, test } = require('@jest/globals')
const { compare } = require('steadfast')
${GATE}
test('compare() from steadfast measures in a Jest test file', async () => {
  const { estimate } = await compare(fast, slow)
  expect(estimate).toBeLessThan(0.8)
}, 60_000)
`
const ALL_ON = { culprit: 'failed', innocent: 'passed', 'a 2x faster function passes its gate': 'passed' }
const ALL_ON_JEST = { ...ALL_ON, 'compare() from steadfast measures in a Jest test file': 'passed' }

function vitestProject(options: string): Record<string, string> {
  return {
    'vitest.config.mjs': `import steadfast from 'steadfast/vitest'\nexport default { plugins: [steadfast(${options})] }\n`,
    'suite.test.js': VITEST_TESTS,
    'gate.test.js': VITEST_GATE,
  }
}

describe.concurrent.each(VITEST_RUNNERS)('steadfast/vitest in %s', (runner) => {
  test('one plugin turns the suite on: the culprit fails, named, and the innocent passes', async () => {
    const run = await runFixture({ runner, files: vitestProject('') })
    expect(run.states()).toEqual(ALL_ON)
    expect(run.test('culprit').errors.join('\n')).toMatch(
      /Unhandled rejection caused by test "culprit"[\s\S]*Error: boom-umbrella/,
    )
    expect(run.stdout).toMatch(/@steadfast\/rejections: 1 unhandled error in 1 place/)
    expect(run.stdout).toMatch(/@steadfast\/warnings: 1 warning of 1 kind from 1 file/)
    expect(run.stdout).toMatch(/@steadfast\/perf: 1 gate, 0 failed/)
  })
})

describe.concurrent('steadfast/vitest options', () => {
  test('a part set to false is off', async () => {
    const run = await runFixture({ runner: 'vitest4', files: vitestProject('{ rejections: false }') })
    // Plain Vitest: the tests stay green and the run fails on the error, at run level.
    expect(run.states()).toEqual({ ...ALL_ON, culprit: 'passed' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).not.toContain('@steadfast/rejections')
  })

  test("a part's options reach it", async () => {
    const run = await runFixture({
      runner: 'vitest4',
      files: vitestProject("{ rejections: { mode: 'warn' } }"),
    })
    expect(run.states()).toEqual({ ...ALL_ON, culprit: 'passed' })
    expect(`${run.stdout}\n${run.stderr}`).toContain(
      '[steadfast/rejections] Unhandled rejection from test "culprit": Error: boom-umbrella',
    )
  })

  test('a bad option anywhere stops the run before any test, naming its full path, the value and the fix', async () => {
    const run = await runFixture({
      runner: 'vitest4',
      files: vitestProject(
        "{ rejections: { leaks: 'loud', hangTimeout: -1 }, warnings: { budget: { maxTotal: -1 } }, warning: {} }",
      ),
    })
    expect(run.exitCode).not.toBe(0)
    expect(run.report.tests).toEqual([])
    const output = `${run.stdout}\n${run.stderr}`
    expect(output).toContain('Invalid steadfast options:')
    expect(output).toContain(
      'steadfast option "rejections.leaks": expected one of "off" | "warn" | "fail", got "loud"',
    )
    expect(output).toMatch(/steadfast option "rejections\.hangTimeout": .*, got -1/)
    expect(output).toMatch(/steadfast option "warnings\.budget\.maxTotal": .*, got -1/)
    expect(output).toContain('steadfast option "(root)": unknown option "warning"')
  })
})

describe.concurrent.each(JEST_RUNNERS)('steadfast in %s', (runner) => {
  test("preset: 'steadfast' turns the suite on: the culprit fails, named, and the innocent passes", async () => {
    const run = await runFixture({
      runner,
      files: {
        'jest.config.js': `module.exports = { preset: 'steadfast', testEnvironment: 'node', transform: {} }\n`,
        'suite.test.js': JEST_TESTS,
        'gate.test.js': JEST_GATE,
      },
    })
    expect(run.states()).toEqual(ALL_ON_JEST)
    expect(run.test('culprit').errors.join('\n')).toMatch(
      /Unhandled rejection caused by test "culprit"[\s\S]*Error: boom-umbrella/,
    )
    expect(`${run.stdout}\n${run.stderr}`).toMatch(/@steadfast\/rejections: 1 unhandled error in 1 place/)
    expect(`${run.stdout}\n${run.stderr}`).toMatch(/@steadfast\/warnings: 1 warning of 1 kind from 1 file/)
    expect(`${run.stdout}\n${run.stderr}`).toMatch(/@steadfast\/perf: \d gates?, 0 failed/)
  })

  test('withSteadfast(config, options) keeps the config and hands the options to every worker', async () => {
    const run = await runFixture({
      runner,
      files: {
        'jest.config.js': `const { withSteadfast } = require('steadfast/jest')\nmodule.exports = withSteadfast({ testEnvironment: 'node', transform: {} }, { rejections: { mode: 'warn' } })\n`,
        'suite.test.js': JEST_TESTS,
      },
    })
    expect(run.states()).toEqual({ culprit: 'passed', innocent: 'passed' })
    expect(`${run.stdout}\n${run.stderr}`).toContain(
      '[steadfast/rejections] Unhandled rejection from test "culprit": Error: boom-umbrella',
    )
  })
})
