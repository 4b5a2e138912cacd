import { describe, expect, test } from 'vitest'
import { calibrate } from '../src/calibrate.js'
import { compare } from '../src/compare.js'
import { measure } from '../src/measure.js'

const { sqrt } = Math
function work(n: number): number {
  let s = 0
  for (let i = 0; i < n; i++) s += sqrt(i ^ (s & 7))
  return s
}

// Verdicts only on work 2× apart; no wall time is checked.
describe('the engine as a library', () => {
  test('compare returns the estimate, interval, verdict and samples', async () => {
    const result = await compare(
      () => work(2000),
      () => work(4000),
      { lock: false },
    )
    expect(result.verdict).toBe('satisfied')
    expect(result.samples).toHaveLength(30)
    expect(result.interval[0]).toBeLessThanOrEqual(result.estimate)
    expect(result.interval[1]).toBeGreaterThanOrEqual(result.estimate)
    expect(result.estimate).toBeLessThan(0.8)
  })

  test('a violation is re-measured once and reported with the first measurement', async () => {
    const result = await compare(
      () => work(4000),
      () => work(2000),
      { lock: false },
    )
    expect(result.verdict).toBe('violated')
    expect(result.outcome).toBe('VIOLATED')
    expect(result.first?.verdict).toBe('violated')
  })

  test('a function that throws is an error, never a timing', async () => {
    await expect(
      compare(
        () => {
          throw new TypeError('no input')
        },
        () => work(10),
        { lock: false },
      ),
    ).rejects.toMatchObject({ code: 'STEADFAST_PERF_THREW', cause: new TypeError('no input') })
  })

  test('measure and calibrate give positive times and a factor', async () => {
    const measured = await measure(() => work(2000), { lock: false, rounds: 10 })
    expect(measured.median).toBeGreaterThan(0)
    expect(measured.samples).toHaveLength(10)
    expect(await calibrate({ lock: false, rounds: 10 })).toBeGreaterThan(0)
  })
})
