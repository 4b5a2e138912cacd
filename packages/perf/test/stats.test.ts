import { describe, expect, test } from 'vitest'
import { binomialUpperTail, boundRank, median, medianInterval } from '../src/_stats.js'

describe('the sign-test interval of a median', () => {
  test.each([
    // n, confidence, rank (checked against exact binomial sums in Python): P(Bin(n, ½) ≥ rank) ≥ confidence
    [30, 0.99, 9],
    [30, 0.95, 11],
    [40, 0.9875, 13],
    [200, 0.9875, 84],
    [5, 0.99, 0],
  ])(
    'with %i rounds at %f the bounds are the %i-th order statistics from each end',
    (n, confidence, rank) => {
      expect(boundRank(n, confidence)).toBe(rank)
      if (rank > 0) {
        expect(binomialUpperTail(n, rank)).toBeGreaterThanOrEqual(confidence)
        expect(binomialUpperTail(n, rank + 1)).toBeLessThan(confidence)
      }
    },
  )

  test('ignores outliers: one huge round moves neither the estimate nor a bound', () => {
    const rounds = Array.from({ length: 30 }, (_, i) => 1 + (i - 15) / 1000)
    const calm = medianInterval(rounds, 0.99)
    const spiked = medianInterval([...rounds.slice(1), 1000], 0.99)
    expect(spiked.estimate).toBeCloseTo(calm.estimate, 2)
    expect(spiked.upper).toBeLessThan(1.01)
    expect(calm.lower).toBe(0.993)
    expect(calm.upper).toBe(1.006)
  })

  test('is unbounded when there are too few rounds for the confidence', () => {
    expect(medianInterval([1, 2, 3], 0.99)).toEqual({ estimate: 2, lower: -Infinity, upper: Infinity })
  })

  test('median of an even count is the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })
})
