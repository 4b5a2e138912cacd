import { describeValue, isSteadfastError, SteadfastError } from '@steadfast/core'

/** What a wait had seen when it gave up. */
export interface WaitTimeoutDetails {
  /** What was awaited, as the caller named it (`message`) or as the function describes it. */
  what: string
  /** The limit, in ms. */
  timeout: number
  /** Real time that passed, in ms. */
  elapsed: number
  /** The last value the predicate returned, when there was one. */
  lastValue?: unknown
  /** The last error the predicate threw, when it threw. Also the `cause`. */
  lastError?: unknown
  /** How many times the predicate was called (waitFor only). */
  checks?: number
  /** How many events the filter turned down (waitForEvent only). */
  filteredOut?: number
}

const CODE = 'STEADFAST_WAIT_TIMEOUT'

/**
 * Thrown when a wait runs out of time. It names what was awaited, the real time that passed and the
 * last value or error seen, and its stack is the caller's (captured when the wait started).
 *
 * Recognise it with `WaitTimeoutError.is(error)` or `error.code === 'STEADFAST_WAIT_TIMEOUT'`: both
 * hold across Jest's vm contexts, where `instanceof` may not.
 */
export class WaitTimeoutError extends SteadfastError {
  static readonly code: typeof CODE = CODE
  readonly what: string
  readonly timeout: number
  readonly elapsed: number
  readonly lastValue: unknown
  readonly lastError: unknown
  readonly checks: number | undefined
  readonly filteredOut: number | undefined

  constructor(details: WaitTimeoutDetails, callSite = '') {
    super(
      CODE,
      formatMessage(details),
      details.lastError === undefined ? undefined : { cause: details.lastError },
    )
    this.name = 'WaitTimeoutError'
    this.what = details.what
    this.timeout = details.timeout
    this.elapsed = details.elapsed
    this.lastValue = details.lastValue
    this.lastError = details.lastError
    this.checks = details.checks
    this.filteredOut = details.filteredOut
    if (callSite) this.stack = `${this.name}: ${this.message}${callSite}`
  }

  /** Whether `value` is a WaitTimeoutError, from this or any other vm context or copy of the package. */
  static is(value: unknown): value is WaitTimeoutError {
    return isSteadfastError(value, CODE)
  }
}

function formatMessage(details: WaitTimeoutDetails): string {
  const parts = [`Timed out after ${Math.round(details.elapsed)} ms waiting for ${details.what}`]
  const facts = [`timeout ${details.timeout} ms`]
  if (details.checks !== undefined)
    facts.push(`${details.checks} ${details.checks === 1 ? 'check' : 'checks'}`)
  if (details.filteredOut !== undefined)
    facts.push(`${details.filteredOut} ${details.filteredOut === 1 ? 'event' : 'events'} filtered out`)
  parts.push(` (${facts.join(', ')})`)
  if (details.lastError !== undefined) parts.push(`\nLast error: ${describeValue(details.lastError)}`)
  else if ('lastValue' in details) parts.push(`\nLast value: ${describeValue(details.lastValue)}`)
  return parts.join('')
}
