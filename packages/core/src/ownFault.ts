// Steadfast's own code failing (a bug of ours, not the user's test) must cost Steadfast's part its
// work, never the user's test or run, and never an error of the user's: where no user code runs
// (installing a part's runtime in a test file, hearing an unhandled error, a part's end of the run,
// the combined report), what throws is caught, said in one line as Steadfast's with the fix, and
// the run goes on. A verdict (a SteadfastError such as a failed budget) is not a fault: it goes on
// as it was meant to.
import { isSteadfastError } from './errors.js'
import { realProcess } from './realProcess.js'

/** Whether `error` is a verdict of ours (a failed budget, an unhandled error): meant, not a fault. */
export function isVerdict(error: unknown): boolean {
  if (isSteadfastError(error)) return true
  return error instanceof AggregateError && error.errors.length > 0 && error.errors.every(isVerdict)
}

const told = new Set<string>()

/**
 * Says once a process and place that Steadfast's `part` failed `where` (its error's first line and
 * the frame it came from), that the user's tests are not at fault, and the fix: turn the part off,
 * and report it.
 */
export function ownFault(part: string, where: string, error: unknown): void {
  const who = part === 'steadfast' ? 'steadfast' : `@steadfast/${part}`
  const off = part === 'steadfast' ? '' : `turn it off with { ${part}: false } until it is fixed, and `
  const key = `${part}\0${where}`
  if (told.has(key)) return
  told.add(key)
  const first = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error)
  const frame =
    error instanceof Error
      ? error.stack
          ?.split('\n')
          .find((line) => /^\s+at /.test(line))
          ?.trim()
      : undefined
  realProcess().stderr.write(
    `[steadfast] Steadfast's own fault, not your tests': ${who} failed ${where} (${first}${frame ? `, ${frame}` : ''}). ` +
      `The run goes on without it there. Fix: ${off}report this line to Steadfast's maintainers.\n`,
  )
}

// Fault injection for Steadfast's own tests: STEADFAST_FAULT=<part>:<place>,... makes that place
// throw, so a test can check the run survives it. Read once a process.
const injected = new Set((process.env.STEADFAST_FAULT ?? '').split(',').map((item) => item.trim()))

/** Throws an injected fault at `place` of `part` when STEADFAST_FAULT names it (tests only). */
export function injectFault(part: string, place: string): void {
  if (injected.has(`${part}:${place}`))
    throw new Error(`injected fault at ${part}:${place} (STEADFAST_FAULT)`)
}

/**
 * Runs `fn`, a part's own work where no user code runs; a fault of it (anything but a verdict) is
 * said by `ownFault` instead of thrown. `place` names it for STEADFAST_FAULT.
 */
export async function guarded(part: string, place: string, where: string, fn: () => unknown): Promise<void> {
  try {
    injectFault(part, place)
    await fn()
  } catch (error) {
    faultOrVerdict(part, where, error)
  }
}

/** `guarded`, for work that must stay synchronous. */
export function guardedSync(part: string, place: string, where: string, fn: () => unknown): void {
  try {
    injectFault(part, place)
    fn()
  } catch (error) {
    faultOrVerdict(part, where, error)
  }
}

/** A verdict goes on as meant; anything else is a fault of ours, said and not thrown. */
function faultOrVerdict(part: string, where: string, error: unknown): void {
  if (isVerdict(error)) throw error
  ownFault(part, where, error)
}

/** The part a file of ours belongs to, by its package folder (`…/@steadfast/rejections/dist/…`). */
export function partOfFile(file: string): string {
  return /[\\/]@steadfast[\\/]([\w-]+)[\\/]/.exec(file)?.[1] ?? 'steadfast'
}
