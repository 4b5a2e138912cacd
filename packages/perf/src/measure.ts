import { withRunLock } from './_lock.js'
import { planFor, runProcedure } from './_procedure.js'
import { assertFunction } from './errors.js'
import { probe } from './guards.js'
import { currentSettings } from './settings.js'

/** Options of {@link measure}. */
export interface MeasureOptions {
  /**
   * Rounds of samples.
   * @default 30
   */
  rounds?: number
  /**
   * Milliseconds of samples per round.
   * @default 10
   */
  time?: number
  /**
   * The run directory whose lock keeps measurements of parallel workers apart; `false`: no lock.
   * @default the run directory
   */
  lock?: string | false
}

/** What {@link measure} found: ms per call, as the median of per-round medians, with its bounds. */
export interface Measured {
  /** Median time per call, in ms. */
  median: number
  /** 99 % one-sided bounds of that median. */
  interval: [number, number]
  /** The per-round median times per call, in ms. */
  samples: number[]
  rounds: number
}

/**
 * Times `fn` (sync or async) the way gates do: guard call, auto-batching, warm-up and a discarded
 * round, then rounds of samples. An absolute time depends on the machine: to decide anything,
 * prefer {@link compare} or a budget, which are measured against a reference in the same rounds.
 *
 * @throws PerfInputError when `fn` is not a function, throws, or does no measurable work.
 */
export async function measure(fn: () => unknown, options: MeasureOptions = {}): Promise<Measured> {
  assertFunction(fn, 'the argument', 'measure')
  const probed = await probe(fn, 'the function', 'measure')
  const run = async (): Promise<Measured> => {
    const judged = await runProcedure({
      probed: [probed],
      toValue: ([ms]) => ms as number,
      plan: planFor(false, options.rounds, options.time),
      // No claim to decide: an infinite limit is satisfied at once, so no re-measurement happens.
      claim: { limit: Number.POSITIVE_INFINITY, margin: 0, not: false },
      matcher: 'measure',
      confirm: false,
    })
    return {
      median: judged.estimate,
      interval: judged.interval,
      samples: judged.samples,
      rounds: judged.rounds,
    }
  }
  const lock = options.lock ?? currentSettings().dir
  return lock === false ? run() : withRunLock(lock, run)
}
