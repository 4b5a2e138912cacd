import { SteadfastError, stackWithout } from '@steadfast/core'
import { CODE_DIR } from './_here.js'
import { describeError } from './_ignore.js'
import type { CaughtError } from './catcher.js'

const WHAT: Record<CaughtError['type'], string> = {
  unhandledRejection: 'Unhandled rejection',
  uncaughtException: 'Uncaught exception',
}

/**
 * Fails a test (or a file) for the unhandled errors it caused. The first error's own stack is kept,
 * so the runner's code frame points where the error was thrown; the others follow in the message.
 */
export class UnhandledErrorsFailure extends SteadfastError {
  /** Every error it stands for, as caught. */
  readonly caught: CaughtError[]

  /**
   * @param scope what failed: `test "name"`, or `file path` for errors that outlived their test
   *   or belong to no test (module load, beforeAll/afterAll).
   */
  constructor(caught: CaughtError[], scope: string, level: 'test' | 'file' = 'test') {
    const [first] = caught
    super(
      caught.length === 1 && first ? codeOf(first) : 'STEADFAST_UNHANDLED_ERRORS',
      level === 'test' ? headline(caught, scope) : fileHeadline(caught, scope),
      first ? { cause: first.error } : undefined,
    )
    this.name = 'UnhandledErrorsFailure'
    this.caught = caught
    const frames = first ? framesOf(describeError(first.error).stack) : ''
    this.stack = `${this.name}: ${this.message}${frames}`
    // The runner prints the cause's own stack too ("Cause:"): without the wrapper's frames.
    if (first) withoutOurFrames(first.error)
  }
}

/** Takes the frames of the wrapper that ran the user's code out of `error`'s own stack, in place. */
export function withoutOurFrames(error: unknown): void {
  if (typeof error !== 'object' || error === null) return
  try {
    const { stack } = error as { stack?: unknown }
    if (typeof stack === 'string') (error as { stack: string }).stack = stackWithout(stack, CODE_DIR)
  } catch {
    // A frozen error, or a stack getter that throws: it keeps what it has.
  }
}

function codeOf(caught: CaughtError): string {
  return caught.type === 'unhandledRejection'
    ? 'STEADFAST_UNHANDLED_REJECTION'
    : 'STEADFAST_UNCAUGHT_EXCEPTION'
}

/** One line per error: what, from where, the original message. */
export function describeCaught(caught: CaughtError): string {
  const { name, message } = describeError(caught.error)
  const owner = caught.owner
  const from = owner
    ? owner.hook
      ? `the ${owner.hook} hook of test "${owner.name}"`
      : owner.kind === 'test'
        ? `test "${owner.name}"`
        : `${owner.name} of ${owner.file}`
    : 'outside any test file'
  return `${WHAT[caught.type]} from ${from}${caught.late ? ', after it had ended' : ''}: ${name}: ${message}`
}

function headline(caught: CaughtError[], scope: string): string {
  if (caught.length === 1 && caught[0]) {
    const only = caught[0]
    const { name, message } = describeError(only.error)
    const created =
      only.type === 'unhandledRejection'
        ? 'a promise created in it rejected and nothing handled it'
        : 'a callback it scheduled threw'
    const by = only.owner?.hook ? `the ${only.owner.hook} hook of ${scope}` : scope
    return `${WHAT[only.type]} caused by ${by}${only.late ? ' after it had ended' : ''} (${created}):\n${name}: ${message}`
  }
  return `${caught.length} unhandled errors caused by ${scope}:\n${caught.map((c) => `  - ${describeCaught(c)}`).join('\n')}`
}

function fileHeadline(caught: CaughtError[], scope: string): string {
  const count = caught.length === 1 ? 'An unhandled error' : `${caught.length} unhandled errors`
  return `${count} in ${scope}, outside the test that caused ${caught.length === 1 ? 'it' : 'them'} or outside any test:\n${caught.map((c) => `  - ${describeCaught(c)}`).join('\n')}`
}

/** The frames of `stack`, without those of the wrapper that ran the user's code in its context. */
function framesOf(stack: string | undefined): string {
  if (!stack) return ''
  const at = stack.search(/\n\s+at /)
  return at === -1 ? '' : stackWithout(stack.slice(at), CODE_DIR)
}
