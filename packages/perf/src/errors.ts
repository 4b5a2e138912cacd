import { describeValue, SteadfastError } from '@steadfast/core'

/** Stable codes of the errors a perf gate throws (bad input, never a timing). */
export type PerfErrorCode =
  | 'STEADFAST_PERF_INPUT'
  | 'STEADFAST_PERF_THREW'
  | 'STEADFAST_PERF_OPTIONS'
  | 'STEADFAST_PERF_LOCK'

/**
 * A perf gate could not measure: a value that is not a function, a function that throws or
 * rejects, a budget or option that makes no sense. The message
 * names what, the value, and the fix.
 */
export class PerfInputError extends SteadfastError {
  constructor(code: PerfErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options)
    this.name = 'PerfInputError'
  }
}

/** Throws unless `value` is a function; `role` names it in the message ("the received value"). */
export function assertFunction(
  value: unknown,
  role: string,
  matcher: string,
): asserts value is () => unknown {
  if (typeof value === 'function') return
  throw new PerfInputError(
    'STEADFAST_PERF_INPUT',
    `${matcher}: ${role} must be a function to time, got ${describeValue(value)}. ` +
      `Pass the work itself, e.g. expect(() => parse(input)).${matcher.replace(/^.*\./, '')}(...), not its result.`,
  )
}
