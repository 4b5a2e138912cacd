// The measurement procedure of PERF.md, for any set of arms: guards, batching, interleaved
// warm-up and a discarded round, randomised rounds, the interval, the verdict, the strict mode's
// adaptive looks, and one fresh re-measurement of a violation.
import { realNow } from '@steadfast/core'
import { type Arm, fastestPerCall, sizeArm } from './_arm.js'
import { type Random, runRound } from './_round.js'
import { type MedianInterval, median, medianInterval } from './_stats.js'
import { noWorkNote, type Probed } from './guards.js'
import {
  type Claim,
  decide,
  headroom,
  isLooseLimit,
  type Outcome,
  strictFinal,
  thresholdOf,
  type Verdict,
} from './verdict.js'

/** How many rounds, how long each, and at which confidence the interval is read. */
export interface Plan {
  mode: 'pr' | 'strict'
  /** Round counts at which the interval is read; the last is the most a measurement runs. */
  looks: number[]
  /** One-sided confidence of each bound at each look (the error rate split across the looks). */
  confidence: number
  /** ms per arm per round. */
  time: number
}

/** PR mode: 30 rounds, 99 % one-sided, margin 5 %. */
export const PR_DEFAULTS = { rounds: 30, confidence: 0.99, margin: 0.05, time: 10 } as const
/** Strict mode: looks at 40, 80, 120, 200 rounds, 95 % one-sided split across them, margin 2 %. */
export const STRICT_DEFAULTS = { rounds: 200, confidence: 0.95, margin: 0.02, time: 10 } as const

/** The plan of a mode, with `rounds` (the most rounds) and `time` when given. */
export function planFor(strict: boolean, rounds?: number, time?: number): Plan {
  if (!strict) {
    return {
      mode: 'pr',
      looks: [rounds ?? PR_DEFAULTS.rounds],
      confidence: PR_DEFAULTS.confidence,
      time: time ?? PR_DEFAULTS.time,
    }
  }
  const most = rounds ?? STRICT_DEFAULTS.rounds
  // Looks at 1/5, 2/5, 3/5 and all of the rounds (40, 80, 120, 200 by default), Bonferroni-split.
  const looks = [...new Set([0.2, 0.4, 0.6, 1].map((f) => Math.max(10, Math.round(most * f))))]
  return {
    mode: 'strict',
    looks,
    confidence: 1 - (1 - STRICT_DEFAULTS.confidence) / looks.length,
    time: time ?? STRICT_DEFAULTS.time,
  }
}

/** What one measurement (from scratch) found. */
export interface Measurement {
  estimate: number
  interval: [number, number]
  verdict: Verdict
  /** Strict mode only: the interval stayed too wide to decide. */
  unstable: boolean
  /** Strict mode only: the interval stayed open, so the estimate decided. */
  decidedByEstimate: boolean
  /** The value of each round (a ratio, or ms per call), in the order measured. */
  samples: number[]
  rounds: number
  /** Median per-call time of each arm over all rounds, in ms. */
  armMs: number[]
}

/** The final word on a claim: what a gate reports and `compare` returns. */
export interface Judgement extends Measurement {
  outcome: Outcome
  mode: Plan['mode']
  confidence: number
  limit: number
  margin: number
  threshold: number
  not: boolean
  looseLimit: boolean
  headroom: number
  /** When the first measurement was a violation: that measurement (this one is the re-measurement). */
  first?: Measurement
  /** What the guards noticed and the gate did not fail for (an arm no slower than an empty call). */
  notes: string[]
  durationMs: number
}

export interface ProcedureInput {
  probed: Probed[]
  /** The round's value from its per-arm median times (ms per call). */
  toValue: (armMs: number[]) => number
  plan: Plan
  claim: Claim
  matcher: string
  /** Re-measure a violation once from scratch. @default true */
  confirm?: boolean
  random?: Random
}

/** Batches per arm for the no-op guard's warm-up and for its measurement (each ≈ SAMPLE_MS). */
const GUARD_WARMUP = 20
const GUARD_SAMPLES = 15
/**
 * An arm within this factor of the empty function is a close call: measured again, up to
 * GUARD_RECHECKS more times, keeping each arm's fastest. On a loaded machine V8's background
 * compiler can lag the warm-up, and an arm still unoptimised reads slower than the empty function
 * that was optimised; its work, removed or not, shows once it is. The limit stays 1.5×.
 */
const GUARD_CLOSE = 3
// Each pass is GUARD_SAMPLES batches of SAMPLE_MS per arm: 20 passes are ≈ 0.5 s for two arms.
const GUARD_RECHECKS = 20

const NOOP: Probed = { fn: () => undefined, async: false, label: 'an empty function' }

/**
 * An empty function from the same realm as `fn`: under Jest the measured functions live in a vm
 * context, where every call costs more than a call to a function of ours, so our own no-op would
 * make an empty test-file function look like work.
 */
function noopLike(fn: () => unknown): Probed {
  try {
    // `fn.constructor` is Function or AsyncFunction of fn's realm; the constructor of either is
    // that realm's Function.
    const realmFunction = (fn as unknown as { constructor: { constructor: (body: string) => () => unknown } })
      .constructor.constructor
    const empty = realmFunction('return undefined')
    if (typeof empty === 'function') return { ...NOOP, fn: empty }
  } catch {
    // A realm that forbids code generation from strings: our own no-op is the next best.
  }
  return NOOP
}

async function measureOnce(input: ProcedureInput, arms: Arm[]): Promise<Measurement> {
  const { plan, claim, toValue, matcher, random } = input
  // Warm-up: two short interleaved rounds, then one full round that is thrown away (the first
  // comparison of a process reads 0.81–1.38 for identical functions: PERF.md).
  await runRound(arms, plan.time / 2, matcher, random)
  await runRound(arms, plan.time / 2, matcher, random)
  await runRound(arms, plan.time, matcher, random)

  const perArm: number[][] = arms.map(() => [])
  const samples: number[] = []
  let interval: MedianInterval = { estimate: Number.NaN, lower: -Infinity, upper: Infinity }
  let verdict: Verdict = 'inconclusive'
  for (const look of plan.looks) {
    while (samples.length < look) {
      const medians = await runRound(arms, plan.time, matcher, random)
      for (const [i, ms] of medians.entries()) perArm[i]?.push(ms)
      samples.push(toValue(medians))
    }
    interval = medianInterval(samples, plan.confidence)
    verdict = decide(interval, claim)
    if (verdict !== 'inconclusive') break
  }
  let unstable = false
  let decidedByEstimate = false
  if (verdict === 'inconclusive' && plan.mode === 'strict') {
    const last = strictFinal(interval, claim)
    if (last === 'unstable') unstable = true
    else {
      verdict = last
      decidedByEstimate = true
    }
  }
  return {
    estimate: interval.estimate,
    interval: [interval.lower, interval.upper],
    verdict,
    unstable,
    decidedByEstimate,
    samples,
    rounds: samples.length,
    armMs: perArm.map(median),
  }
}

async function prepare(input: ProcedureInput): Promise<{ arms: Arm[]; notes: string[] }> {
  const arms: Arm[] = []
  for (const probed of input.probed) arms.push(await sizeArm(probed))
  // The no-op guard: an arm no slower than an empty call did no work the gate could time.
  const noop = await sizeArm(noopLike((input.probed[0] as Probed).fn))
  // A first pass only warms up: V8 optimises on a background thread, which a loaded machine
  // starves, and an empty function still unoptimised reads slower than one whose work was removed.
  await fastestPerCall([noop, ...arms], GUARD_WARMUP)
  const guarded = [noop, ...arms]
  const fastest = await fastestPerCall(guarded, GUARD_SAMPLES)
  const close = (): boolean => fastest.slice(1).some((ms) => ms < (fastest[0] ?? 0) * GUARD_CLOSE)
  for (let again = 0; again < GUARD_RECHECKS && close(); again++) {
    const next = await fastestPerCall(guarded, GUARD_SAMPLES)
    next.forEach((ms, index) => {
      fastest[index] = Math.min(fastest[index] ?? ms, ms)
    })
  }
  const [noopMs = 0, ...perCall] = fastest
  const notes = arms.flatMap((arm, index) => {
    const note = noWorkNote(arm.label, perCall[index] as number, noopMs, input.matcher)
    return note === undefined ? [] : [note]
  })
  return { arms, notes }
}

/** Runs the whole procedure on already-probed functions and judges the claim. */
export async function runProcedure(input: ProcedureInput): Promise<Judgement> {
  const started = realNow()
  const { arms, notes } = await prepare(input)
  let measured = await measureOnce(input, arms)
  let first: Measurement | undefined
  if (measured.verdict === 'violated' && (input.confirm ?? true)) {
    // Once, from scratch, and only for a violation: never re-measure a pass hoping for a failure.
    first = measured
    measured = await measureOnce(input, (await prepare(input)).arms)
  }
  const interval: MedianInterval = {
    estimate: measured.estimate,
    lower: measured.interval[0],
    upper: measured.interval[1],
  }
  const { outcome, looseLimit } = judge(measured, input.claim, first !== undefined)
  return {
    ...measured,
    outcome,
    mode: input.plan.mode,
    confidence: input.plan.confidence,
    limit: input.claim.limit,
    margin: input.claim.margin,
    threshold: thresholdOf(input.claim),
    not: input.claim.not,
    looseLimit,
    headroom: headroom(interval, input.claim),
    ...(first ? { first } : {}),
    notes,
    durationMs: realNow() - started,
  }
}

/**
 * The outcome of a finished measurement, from its numbers alone (no clock is read): the decision
 * the unit tests check on recorded intervals, where an end-to-end run could not hold it steady.
 *
 * @param remeasured this measurement re-measured a violation (a pass now is `UNCONFIRMED`).
 * @example
 * judge({ verdict: 'satisfied', unstable: false, interval: [0.024, 0.031] }, { limit: 0.1, margin: 0.05, not: false })
 * // { outcome: 'LOOSE_LIMIT', looseLimit: true }: 0.1 ms is more than 3× the upper bound
 */
export function judge(
  measured: Pick<Measurement, 'verdict' | 'unstable' | 'interval'>,
  claim: Claim,
  remeasured = false,
): { outcome: Outcome; looseLimit: boolean } {
  const [lower, upper] = measured.interval
  const looseLimit =
    measured.verdict === 'satisfied' && isLooseLimit({ estimate: Number.NaN, lower, upper }, claim)
  let outcome: Outcome = 'SATISFIED'
  if (measured.verdict === 'violated') outcome = 'VIOLATED'
  else if (measured.unstable) outcome = 'UNSTABLE'
  else if (remeasured) outcome = 'UNCONFIRMED'
  else if (looseLimit) outcome = 'LOOSE_LIMIT'
  else if (measured.verdict === 'inconclusive') outcome = 'INCONCLUSIVE'
  return { outcome, looseLimit }
}

/** Whether an outcome fails the test in `mode`. */
export function fails(outcome: Outcome, mode: Plan['mode']): boolean {
  if (outcome === 'VIOLATED' || outcome === 'UNSTABLE') return true
  return outcome === 'LOOSE_LIMIT' && mode === 'strict'
}
