import { describe, expect, test } from 'vitest'
import { runFixture } from '../harness/index.js'
import { countsProject } from './_fixtures.js'

describe.concurrent.each(['vitest4', 'jest30'] as const)('bad options in %s', (runner) => {
  const vitest = runner.startsWith('vitest')

  test('fail before any test, naming each option, its value and the fix', async () => {
    const run = await runFixture({
      runner,
      files: countsProject(
        vitest,
        `{ budget: { maxTotal: -1 }, onNewKind: 'explode', ignore: [{ colour: 'red' }], live: 'yes' }`,
      ),
    })
    expect(run.exitCode).not.toBe(0)
    expect(run.report.tests).toEqual([])
    const text = `${run.stdout}${run.stderr}`
    expect(text).toContain('Invalid @steadfast/warnings options:')
    expect(text).toContain(
      '@steadfast/warnings option "budget.maxTotal": Too small: expected number to be >=0, got -1',
    )
    expect(text).toContain(
      '@steadfast/warnings option "onNewKind": expected one of "fail" | "warn", got "explode"',
    )
    expect(text).toContain('@steadfast/warnings option "live": expected boolean, got "yes"')
    expect(text).toMatch(/@steadfast\/warnings option "ignore\.0/)
    expect(text).toContain('Fix the options passed to @steadfast/warnings')
  })

  test('a bad STEADFAST_WARNINGS_* variable is named as the source of the bad value', async () => {
    const run = await runFixture({
      runner,
      files: countsProject(vitest),
      env: { STEADFAST_WARNINGS_ON_NEW_KIND: 'never' },
    })
    expect(run.exitCode).not.toBe(0)
    expect(`${run.stdout}${run.stderr}`).toContain(
      '@steadfast/warnings option "onNewKind" (from STEADFAST_WARNINGS_ON_NEW_KIND): expected one of "fail" | "warn", got "never"',
    )
  })

  test('an environment variable overrides an option', async () => {
    const run = await runFixture({
      runner,
      files: countsProject(vitest, `{ budget: { maxTotal: 10 } }`),
      env: { STEADFAST_WARNINGS_LIVE: 'false' },
    })
    expect(run.exitCode).toBe(1)
    expect(run.stderr).not.toContain('[steadfast/warnings] DeprecationWarning')
    expect(run.stdout).toContain('1783 warnings of 4 kinds')
  })
})
