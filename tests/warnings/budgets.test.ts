import { describe, expect, test } from 'vitest'
import { runFixture } from '../harness/index.js'
import { countsProject } from './_fixtures.js'

// The counts project: 1,783 warnings; kinds of 1,500, 250, 30 and 3; noisy.test.js 1,280 and
// other.test.js 503.
describe.concurrent.each(['vitest4', 'jest30', 'vitest5', 'jest29'] as const)('budgets in %s', (runner) => {
  const vitest = runner.startsWith('vitest')

  test('a run within every budget passes', async () => {
    const run = await runFixture({
      runner,
      files: countsProject(
        vitest,
        `{ budget: { maxTotal: 1783, maxPerKind: 1500, files: { 'noisy.*': 1280 } } }`,
      ),
    })
    expect(run.exitCode, run.stderr).toBe(0)
    expect(`${run.stdout}${run.stderr}`).not.toContain('WarningBudgetError')
  })

  test('exceeding budgets fails the run with the table of what exceeded them', async () => {
    const run = await runFixture({
      runner,
      files: countsProject(
        vitest,
        `{ budget: { maxTotal: 1000, maxPerKind: 100, files: { 'other.test.js': 500, '*.test.js': 5000 } } }`,
      ),
    })
    expect(run.exitCode).toBe(1)
    // Every test passed: the budget fails the run, not a test.
    expect(Object.values(run.states()).every((s) => s === 'passed')).toBe(true)
    const text = `${run.stdout}${run.stderr}`
    expect(text).toContain('WarningBudgetError: The run exceeded 4 warning budgets of @steadfast/warnings:')
    expect(text).toMatch(/ {2}maxTotal +limit +1000 {2}actual +1783 {2}all warnings of the run/)
    expect(text).toMatch(
      /maxPerKind +limit +100 {2}actual +1500 {2}DeprecationWarning DEP_LEGACY: oldApi\(\) called for item <n>; use newApi\(\) \(at src\/legacy\.js:2:11\)/,
    )
    expect(text).toMatch(/maxPerKind +limit +100 {2}actual +250 {2}CacheWarning/)
    expect(text).toMatch(/files\["other\.test\.js"\] +limit +500 {2}actual +503 {2}other\.test\.js/)
    expect(text).not.toMatch(/maxPerKind +limit +100 {2}actual +30 /)
    expect(text).not.toContain('files["*.test.js"]')
  })
})
