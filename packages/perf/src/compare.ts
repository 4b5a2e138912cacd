import { withRunLock } from './_lock.js'
import { type Judgement, PR_DEFAULTS, planFor, runProcedure, STRICT_DEFAULTS } from './_procedure.js'
import type { Random } from './_round.js'
import { assertFunction } from './errors.js'
import { probe } from './guards.js'
import { currentSettings } from './settings.js'

/** Options of {@link compare}. */
export interface CompareOptions {
  /**
   * The claim is `time(a) / time(b) ≤ limit`: 1 for "a is not slower than b", 0.5 for "a is at
   * least 2× faster", 1.5 for "a's overhead is at most 50 %".
   * @default 1
   */
  limit?: number
  /**
   * Relative tolerance: violated only when the whole interval is above `limit × (1 + margin)`.
   * @default 0.05 (0.02 in strict mode)
   */
  margin?: number
  /**
   * Rounds (PR mode), or the most rounds (strict mode, read at 1/5, 2/5, 3/5 and all of them).
   * @default 30 (200 in strict mode)
   */
  rounds?: number
  /**
   * Milliseconds of samples per function per round.
   * @default 10
   */
  time?: number
  /**
   * Strict (nightly) mode: adaptive looks, tighter margin, an interval that cannot resolve the
   * margin is `UNSTABLE`.
   * @default STRICT_PERF=1 in the environment
   */
  strict?: boolean
  /**
   * Check the opposite claim, `time(a) / time(b) > limit` (as `expect(a).not...`).
   * @default false
   */
  not?: boolean
  /**
   * Re-measure a violation once from scratch; only a repeated violation is reported as one.
   * @default true
   */
  confirm?: boolean
  /**
   * The run directory whose lock keeps gates of parallel workers from measuring at the same time;
   * `false` measures without it.
   * @default the run directory (`.steadfast`, or `STEADFAST_DIR`)
   */
  lock?: string | false
  /** Random numbers for the order of the functions in each round (for reproducible tests). */
  random?: Random
}

/**
 * The result of {@link compare}: `estimate` (median of the per-round ratios a/b), `interval` (its
 * one-sided bounds), `verdict`, the per-round ratios in `samples`, and how it was decided.
 */
export type Comparison = Judgement

const MATCHER = 'compare'

/**
 * Compares the time per call of `a` with that of `b` in randomised interleaved rounds and decides
 * the claim `time(a) / time(b) ≤ limit` (see {@link CompareOptions}).
 *
 * @example
 * const { estimate, interval, verdict } = await compare(withCache, withoutCache, { limit: 0.5 })
 *
 * @throws PerfInputError when `a` or `b` is not a function, throws, or does no measurable work.
 */
export async function compare(
  a: () => unknown,
  b: () => unknown,
  options: CompareOptions = {},
): Promise<Comparison> {
  assertFunction(a, 'the first argument', MATCHER)
  assertFunction(b, 'the second argument', MATCHER)
  const settings = currentSettings()
  const strict = options.strict ?? settings.strict
  const probed = [await probe(a, 'a', MATCHER), await probe(b, 'b', MATCHER)]
  const run = (): Promise<Judgement> =>
    runProcedure({
      probed,
      toValue: ([msA, msB]) => (msA as number) / (msB as number),
      plan: planFor(strict, options.rounds, options.time),
      claim: {
        limit: options.limit ?? 1,
        margin: options.margin ?? (strict ? STRICT_DEFAULTS.margin : PR_DEFAULTS.margin),
        not: options.not ?? false,
      },
      matcher: MATCHER,
      ...(options.confirm !== undefined ? { confirm: options.confirm } : {}),
      ...(options.random ? { random: options.random } : {}),
    })
  const lock = options.lock ?? settings.dir
  return lock === false ? run() : withRunLock(lock, run)
}
