// The three-way verdict (PERF.md step 6) and the strict mode's last word on what stayed open.
import type { MedianInterval } from './_stats.js'

/** What an interval says about a claim: clearly broken, clearly kept, or not enough evidence. */
export type Verdict = 'violated' | 'satisfied' | 'inconclusive'

/**
 * How a gate ended, for messages and reports:
 * - `SATISFIED`: the interval clears the limit plus margin;
 * - `INCONCLUSIVE`: it straddles it (a pass with a note in PR mode);
 * - `UNCONFIRMED`: a violation that a fresh re-measurement did not repeat (a pass with a note);
 * - `VIOLATED`: a violation, confirmed by the re-measurement;
 * - `UNSTABLE`: strict mode could not narrow the interval to the margin;
 * - `LOOSE_LIMIT`: the limit is more than 3× looser than what was measured (strict fails, PR warns).
 */
export type Outcome = 'SATISFIED' | 'INCONCLUSIVE' | 'UNCONFIRMED' | 'VIOLATED' | 'UNSTABLE' | 'LOOSE_LIMIT'

/** The claim a gate checks: the measured value against `limit`, widened by `margin`. */
export interface Claim {
  /** The limit, in the measured value's unit (a ratio, or ms per call). */
  limit: number
  /** Relative tolerance: the claim is only broken beyond `limit × (1 + margin)`. */
  margin: number
  /** `.not`: the claim is that the value is *above* the limit. */
  not: boolean
}

/** Where the verdict switches: `limit × (1 + margin)`, or `limit / (1 + margin)` under `.not`. */
export function thresholdOf(claim: Claim): number {
  return claim.not ? claim.limit / (1 + claim.margin) : claim.limit * (1 + claim.margin)
}

/**
 * Violated when the whole interval is beyond the threshold, satisfied when all of it is within,
 * inconclusive otherwise. `.not` mirrors it around the limit.
 */
export function decide(interval: MedianInterval, claim: Claim): Verdict {
  const threshold = thresholdOf(claim)
  if (!claim.not) {
    if (interval.lower > threshold) return 'violated'
    if (interval.upper <= threshold) return 'satisfied'
    return 'inconclusive'
  }
  if (interval.upper < threshold) return 'violated'
  if (interval.lower >= threshold) return 'satisfied'
  return 'inconclusive'
}

/**
 * Strict mode after its last look: an interval wider than twice the margin (relative to the
 * limit) cannot tell the margin apart, so it is unstable; a narrower one lets the estimate decide.
 */
export function strictFinal(interval: MedianInterval, claim: Claim): 'unstable' | 'violated' | 'satisfied' {
  const width = (interval.upper - interval.lower) / claim.limit
  if (!Number.isFinite(width) || width > 2 * claim.margin) return 'unstable'
  const threshold = thresholdOf(claim)
  const beyond = claim.not ? interval.estimate < threshold : interval.estimate > threshold
  return beyond ? 'violated' : 'satisfied'
}

/** Whether the limit is more than 3× looser than the far end of what was measured. */
export function isLooseLimit(interval: MedianInterval, claim: Claim): boolean {
  return claim.not ? interval.lower > 3 * claim.limit : claim.limit > 3 * interval.upper
}

/**
 * Headroom left before the threshold, as a fraction of it: 0.25 means the far end of the interval
 * is 25 % inside; negative means beyond.
 */
export function headroom(interval: MedianInterval, claim: Claim): number {
  const threshold = thresholdOf(claim)
  return claim.not ? (interval.lower - threshold) / threshold : (threshold - interval.upper) / threshold
}
