import { describe, expect, test } from 'vitest'
import { runFixture } from '../harness/index.js'
import { project } from './_fixtures.js'

const BAD = `
test('a non-function', async () => {
  await expect(42).toBeFasterThan(fast)
})
test('a function that throws', async () => {
  await expect(() => { throw new Error('kaput') }).toBeFasterThan(fast)
})
test('a non-positive budget', async () => {
  await expect(fast).toBeFasterThan(0)
})
test('conflicting options', async () => {
  await expect(fast).toBeFasterThan(5, { factor: 2 })
})
test('too few rounds', async () => {
  await expect(fast).toBeFasterThan(slow, { rounds: 3 })
})
test('an optimised-away function', async () => {
  await expect(() => 1 + 1).toBeFasterThan(slow)
})
`

const EXPECTED: Record<string, RegExp> = {
  'a non-function':
    /toBeFasterThan: the received value \(expect\(\.\.\.\)\) must be a function to time, got 42\. Pass the work itself/,
  'a function that throws':
    /toBeFasterThan: the received function threw Error: kaput when called\. A perf gate times work that succeeds/,
  'a non-positive budget':
    /toBeFasterThan: a budget must be a positive number of ms per call, got 0\. Give the time one call may take/,
  'conflicting options':
    /toBeFasterThan: option "factor" \(a ratio of another function's time\) conflicts with a budget in ms, got 2\. Put the limit in the budget itself/,
  'too few rounds': /toBeFasterThan: option "rounds" must be a whole number of at least 10, got 3\./,
}

describe.concurrent.each(['vitest4', 'jest30'] as const)('@steadfast/perf bad input in %s', (runner) => {
  test('each bad input fails its test with an error naming what, the value and the fix', async () => {
    const run = await runFixture({ runner, files: project(runner, { 'bad.test.js': BAD }) })
    for (const [name, pattern] of Object.entries(EXPECTED)) {
      const outcome = run.test(name)
      expect(outcome.state, name).toBe('failed')
      expect(outcome.errors.join('\n'), name).toMatch(pattern)
    }
    // The no-op guard compares two timings nanoseconds apart, whose order depends on the machine
    // and its load: it notes, and never fails a gate. The gate itself (1 + 1 against work(8000))
    // passes on any machine.
    expect(run.test('an optimised-away function').state).toBe('passed')
  })

  test('a bad plugin option fails the run before any test, naming the option, the value and the fix', async () => {
    const run = await runFixture({ runner, files: project(runner, { 'bad.test.js': BAD }, '{ margin: 2 }') })
    expect(run.exitCode).not.toBe(0)
    expect(run.report.tests.filter((t) => t.state === 'passed')).toEqual([])
    expect(`${run.stdout}\n${run.stderr}`).toMatch(
      /Invalid @steadfast\/perf options:\n {2}- @steadfast\/perf option "margin"/,
    )
  })
})
