import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { runFixture } from '../harness/index.js'
import { isVitest, project } from './_fixtures.js'

// `fast` takes about 0.04 ms a call here and `work(300000)` about 3 ms: budgets 50× above and
// at least 15× below what they take.
const BUDGETS = `
test('a budget far above passes', async () => {
  await expect(fast).toBeFasterThan(2)
})
test('a budget far below fails', async () => {
  await expect(() => work(300000)).toBeFasterThan(0.2)
})
`

describe.concurrent.each(['vitest4', 'jest30'] as const)(
  '@steadfast/perf absolute budgets in %s',
  (runner) => {
    test('a budget is measured against the calibration workload, and the factor is in the message', async () => {
      const run = await runFixture({ runner, files: project(runner, { 'budgets.test.js': BUDGETS }) })
      expect(run.states()).toEqual({
        'a budget far above passes': 'passed',
        'a budget far below fails': 'failed',
      })
      const message = run.test('a budget far below fails').errors.join('\n')
      expect(message).toMatch(/failed: it is slower than its limit \(\d+\.\d+ ms, threshold 210\.00 µs\)/)
      expect(message).toMatch(
        /machine factor \d\.\d{3} \(calibration workload interleaved with the function\)/,
      )
      expect(message).toMatch(
        /time +\d+\.\d+ ms a call measured here, \d+\.\d+ ms normalised to the reference machine/,
      )
      expect(message).toMatch(/re-measured: still violated/)
    })

    test('STEADFAST_PERF_FACTOR replaces the calibration: a factor of 1000 makes the slow call fit its budget', async () => {
      const run = await runFixture({
        runner,
        files: project(runner, { 'budgets.test.js': BUDGETS }),
        env: { STEADFAST_PERF_FACTOR: '1000' },
      })
      // ≈ 3 ms here / 1000 = 3 µs on the "reference machine": far under 0.2 ms.
      expect(run.states()).toEqual({
        'a budget far above passes': 'passed',
        'a budget far below fails': 'passed',
      })
      const gates = JSON.parse(readFileSync(join(run.dir, '.steadfast', 'perf.json'), 'utf8')).gates
      expect(
        gates.map((g: { factorSource: string; machineFactor: number }) => [g.factorSource, g.machineFactor]),
      ).toEqual([
        ['STEADFAST_PERF_FACTOR', 1000],
        ['STEADFAST_PERF_FACTOR', 1000],
      ])
    })

    test('fake timers installed by the test do not change a verdict', async () => {
      // The header names Jest's \`jest\` object \`vi\` too, so one body serves both runners.
      const tests = `
describe('under fake timers', () => {
  beforeEach(() => { vi.useFakeTimers() })
  afterEach(() => { vi.useRealTimers() })
  test('the faster one passes', async () => {
    await expect(fast).toBeFasterThan(slow)
  })
  test('the slower one fails', async () => {
    await expect(slow).toBeFasterThan(fast)
  })
  test('a budget far above passes', async () => {
    await expect(fast).toBeFasterThan(2)
  })
  test('the fakes really are on', () => {
    const before = Date.now()
    setTimeout(() => {}, 10_000)
    vi.advanceTimersByTime(10_000)
    expect(Date.now() - before).toBe(10_000)
  })
})
`
      const files = project(runner, { 'fakes.test.js': tests })
      const head = isVitest(runner)
        ? "import { afterEach, beforeEach } from 'vitest'\n"
        : "const { afterEach, beforeEach } = require('@jest/globals')\n"
      files['fakes.test.js'] = head + (files['fakes.test.js'] ?? '')
      const run = await runFixture({ runner, files })
      expect(run.states()).toEqual({
        'under fake timers > the faster one passes': 'passed',
        'under fake timers > the slower one fails': 'failed',
        'under fake timers > a budget far above passes': 'passed',
        'under fake timers > the fakes really are on': 'passed',
      })
    })
  },
)
