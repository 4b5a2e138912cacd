import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { runFixture } from '../harness/index.js'
import { isVitest, project } from './_fixtures.js'

// A budget's value is the function's time beside the calibration workload, which moves from
// machine to machine (and under load its interval widens: 3.8 ms [1.66, 4.27] for `work(300000)`
// at a load of 6 on 2 cores), so each verdict here is at least 10× from its threshold. `fast`
// reads about 0.04 ms a call: 50× under 2 ms plus margin. `work(300000)` reads 3-4 ms, its lower
// bound 1.66 ms at worst: 79× above 0.02 ms plus margin (21 µs). The messages are matched whatever
// unit a machine's times print in.
const BUDGETS = `
test('a budget far above passes', async () => {
  await expect(fast).toBeFasterThan(2)
})
test('a budget far below fails', async () => {
  await expect(() => work(300000)).toBeFasterThan(0.02)
})
`
/** A time as the messages print it: `123 ms`, `1.23 ms`, `12.34 µs`, `12.3 ns`. */
const TIME = String.raw`\d+(?:\.\d+)? (?:ms|µs|ns)`

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
      expect(message).toMatch(
        new RegExp(`failed: it is slower than its limit \\(${TIME}, threshold 21\\.00 µs\\)`),
      )
      expect(message).toMatch(
        /machine factor \d+\.\d{3} \(calibration workload interleaved with the function\)/,
      )
      expect(message).toMatch(
        new RegExp(`time +${TIME} a call measured here, ${TIME} normalised to the reference machine`),
      )
      expect(message).toMatch(/re-measured: still violated/)
    })

    test('STEADFAST_PERF_FACTOR replaces the calibration: a factor of 100000 makes the slow call fit its budget', async () => {
      const run = await runFixture({
        runner,
        files: project(runner, { 'budgets.test.js': BUDGETS }),
        env: { STEADFAST_PERF_FACTOR: '100000' },
      })
      // The call is timed alone, so its value follows this machine's speed: 3-7 ms here (20 ms on a
      // machine 3× slower) / 100000 = 30-200 ns on the "reference machine", 100× under 21 µs.
      expect(run.states()).toEqual({
        'a budget far above passes': 'passed',
        'a budget far below fails': 'passed',
      })
      const gates = JSON.parse(readFileSync(join(run.dir, '.steadfast', 'perf.json'), 'utf8')).gates
      expect(
        gates.map((g: { factorSource: string; machineFactor: number }) => [g.factorSource, g.machineFactor]),
      ).toEqual([
        ['STEADFAST_PERF_FACTOR', 100000],
        ['STEADFAST_PERF_FACTOR', 100000],
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
