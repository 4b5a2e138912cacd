// Order statistics for the sign-test interval of a median: distribution-free, so one GC pause or a
// burst of noise in a few rounds moves no bound, and cheap (no resampling).

/** The median of `values` (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** P(X ≥ k) for X ~ Binomial(n, ½), summed in log space so n in the hundreds stays exact enough. */
export function binomialUpperTail(n: number, k: number): number {
  if (k <= 0) return 1
  if (k > n) return 0
  let logChoose = 0 // log C(n, 0)
  let total = 0
  const logHalfToN = n * Math.log(0.5)
  for (let i = 0; i <= n; i++) {
    if (i > 0) logChoose += Math.log(n - i + 1) - Math.log(i)
    if (i >= k) total += Math.exp(logChoose + logHalfToN)
  }
  return Math.min(1, total)
}

/**
 * The 1-based rank `k` of the order statistic that is a one-sided lower confidence bound of the
 * median at `confidence`: the largest k with P(Binomial(n, ½) ≥ k) ≥ confidence. The upper bound
 * is the (n + 1 − k)-th. 0 when n is too small for that confidence.
 */
export function boundRank(n: number, confidence: number): number {
  let rank = 0
  for (let k = 1; k <= n; k++) {
    if (binomialUpperTail(n, k) >= confidence) rank = k
    else break
  }
  return rank
}

/** A median with its one-sided lower and upper bounds, each at `confidence`. */
export interface MedianInterval {
  estimate: number
  lower: number
  upper: number
}

/**
 * The median of `values` with sign-test bounds: `lower` is below the true median with probability
 * ≥ `confidence`, and `upper` above it with the same probability. Unbounded (±Infinity) when there
 * are too few values for that confidence.
 */
export function medianInterval(values: readonly number[], confidence: number): MedianInterval {
  const sorted = [...values].sort((a, b) => a - b)
  const n = sorted.length
  const k = boundRank(n, confidence)
  return {
    estimate: median(sorted),
    lower: k > 0 ? (sorted[k - 1] as number) : Number.NEGATIVE_INFINITY,
    upper: k > 0 ? (sorted[n - k] as number) : Number.POSITIVE_INFINITY,
  }
}
