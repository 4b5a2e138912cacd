import { describeValue } from '@steadfast/core'
import { PerfInputError } from './errors.js'

/** Options of one gate: `await expect(fn).toBeFasterThan(other | ms, options)`. */
export interface GateOptions {
  /**
   * The limit as a ratio of `other`'s time: 1 for "not slower", 0.5 for "at least 2× faster", 1.5
   * for "at most 50 % overhead". Only for a comparison with a function (a budget in ms is its own
   * limit).
   * @default 1
   */
  factor?: number
  /**
   * Relative tolerance: the gate fails only when the whole interval is beyond
   * `limit × (1 + margin)`.
   * @default 0.05 (0.02 with STRICT_PERF=1)
   */
  margin?: number
  /**
   * Rounds (PR mode), or the most rounds of the adaptive looks (strict mode). At least 10.
   * @default 30 (200 with STRICT_PERF=1)
   */
  rounds?: number
  /**
   * Milliseconds of samples per function per round.
   * @default 10
   */
  time?: number
  /**
   * The gate's name in messages and reports.
   * @default the test's name
   */
  name?: string
}

const KNOWN = new Set(['factor', 'margin', 'rounds', 'time', 'name'])

function problem(matcher: string, what: string, value: unknown, fix: string): PerfInputError {
  return new PerfInputError(
    'STEADFAST_PERF_OPTIONS',
    `${matcher}: ${what}, got ${describeValue(value)}. ${fix}`,
  )
}

/**
 * Checks a gate's options against what it compares with (a function or a budget in ms).
 *
 * @throws PerfInputError (STEADFAST_PERF_OPTIONS) naming the option, its value and the fix.
 */
export function checkGateOptions(raw: unknown, absolute: boolean, matcher: string): GateOptions {
  if (raw === undefined) return {}
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw problem(matcher, 'options must be an object', raw, 'Pass e.g. { factor: 1.5, margin: 0.05 }.')
  }
  const options = raw as Record<string, unknown>
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) {
      throw problem(
        matcher,
        `unknown option "${key}"`,
        options[key],
        'Known options: factor, margin, rounds, time, name.',
      )
    }
  }
  const positive = (key: string): void => {
    const value = options[key]
    if (value === undefined) return
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
      throw problem(
        matcher,
        `option "${key}" must be a positive number`,
        value,
        `Remove it, or give a number > 0.`,
      )
  }
  positive('factor')
  positive('time')
  if (options.factor !== undefined && absolute) {
    throw problem(
      matcher,
      'option "factor" (a ratio of another function\'s time) conflicts with a budget in ms',
      options.factor,
      'Put the limit in the budget itself: toBeFasterThan(ms × factor), or compare with a function.',
    )
  }
  const margin = options.margin
  if (margin !== undefined && (typeof margin !== 'number' || !(margin >= 0 && margin < 1))) {
    throw problem(
      matcher,
      'option "margin" must be a fraction from 0 to below 1 (0.05 = 5 %)',
      margin,
      'Use e.g. 0.05.',
    )
  }
  const rounds = options.rounds
  if (rounds !== undefined && (typeof rounds !== 'number' || !Number.isInteger(rounds) || rounds < 10)) {
    throw problem(
      matcher,
      'option "rounds" must be a whole number of at least 10',
      rounds,
      'Fewer rounds cannot bound a median; use 30 or more.',
    )
  }
  if (options.name !== undefined && typeof options.name !== 'string') {
    throw problem(matcher, 'option "name" must be a string', options.name, 'Give the gate a short name.')
  }
  return options as GateOptions
}

/**
 * Checks what a gate compares with: a function, or a budget in ms.
 *
 * @throws PerfInputError (STEADFAST_PERF_INPUT) for anything else, or a budget that is not a
 *   positive finite number.
 */
export function checkExpected(expected: unknown, matcher: string): 'relative' | 'absolute' {
  if (typeof expected === 'function') return 'relative'
  if (typeof expected === 'number') {
    if (Number.isFinite(expected) && expected > 0) return 'absolute'
    throw new PerfInputError(
      'STEADFAST_PERF_INPUT',
      `${matcher}: a budget must be a positive number of ms per call, got ${describeValue(expected)}. ` +
        'Give the time one call may take on the reference machine, e.g. toBeFasterThan(5) for 5 ms.',
    )
  }
  throw new PerfInputError(
    'STEADFAST_PERF_INPUT',
    `${matcher}: expected another function to compare with, or a budget in ms, got ${describeValue(expected)}. ` +
      'Pass a function, e.g. toBeFasterThan(() => baseline(input)), or a number of ms.',
  )
}
