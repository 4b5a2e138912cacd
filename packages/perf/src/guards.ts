import { describeValue } from '@steadfast/core'
import { consume } from './_sink.js'
import { PerfInputError } from './errors.js'

/** A function under measurement, as the guard call found it. */
export interface Probed {
  fn: () => unknown
  /** It returned a thenable: it is awaited inside every timed batch. */
  async: boolean
  /** Its name for messages: the option `name`, the function's own name, or a placeholder. */
  label: string
}

const label = (fn: () => unknown, fallback: string): string =>
  fn.name && fn.name !== 'anonymous' ? fn.name : fallback

/**
 * Calls `fn` once, before anything is timed, so an error surfaces as that error and not as a
 * suspiciously short timing. Works out whether it is async (returns a thenable).
 *
 * @throws PerfInputError (STEADFAST_PERF_THREW) when it throws or its promise rejects.
 */
export async function probe(fn: () => unknown, role: string, matcher: string): Promise<Probed> {
  const name = label(fn, role)
  let result: unknown
  try {
    result = fn()
    if (isThenable(result)) {
      consume(await result)
      return { fn, async: true, label: name }
    }
  } catch (error) {
    throw threw(name, matcher, error)
  }
  consume(result)
  return { fn, async: false, label: name }
}

/** The error for a function that threw or rejected, with its error as the cause. */
export function threw(name: string, matcher: string, error: unknown): PerfInputError {
  return new PerfInputError(
    'STEADFAST_PERF_THREW',
    `${matcher}: ${name} threw ${describeValue(error)} when called. A perf gate times work that ` +
      'succeeds: fix the function, or catch the expected error inside it, then time it again.',
    { cause: error },
  )
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  )
}

/**
 * The note for an arm that costs less than 1.5× an empty function: the optimiser most likely
 * removed its work (its result unused, a constant folded), and timing it would compare nothing.
 * Undefined when the arm did work. A note, not a failure: the two timings are a few nanoseconds
 * apart and their order depends on the machine and its load (V8 optimises on a background thread,
 * which a busy machine starves), so a verdict on them would flake (docs/perf.md, step 1).
 */
export function noWorkNote(
  name: string,
  perCallMs: number,
  noopMs: number,
  matcher: string,
): string | undefined {
  if (perCallMs >= noopMs * 1.5) return undefined
  return (
    `${matcher}: ${name} took ${formatNs(perCallMs)} a call, no more than an empty function ` +
    `(${formatNs(noopMs)}): the optimiser probably removed its work, and the gate may compare nothing. ` +
    'Return the result of the work (the gate keeps returned values alive), or give it inputs the ' +
    'optimiser cannot fold into constants.'
  )
}

const formatNs = (ms: number): string => `${(ms * 1e6).toFixed(1)} ns`
