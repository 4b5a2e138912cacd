import { format } from 'node:util'

/**
 * Where a captured warning goes: its type, code (or `''`), message, and the object that carries
 * its stack (the warning itself, or a holder of the console caller's stack).
 */
export type WarningSink = (
  type: string,
  code: string,
  message: string,
  carrier: object | undefined,
  /** Whether other code may read the carrier's stack after the sink (another 'warning' listener). */
  shared: boolean,
) => void

type Listener = (...args: unknown[]) => void
type WarningLike = { name?: unknown; code?: unknown; message?: unknown }

/**
 * Listens to `process.emitWarning` on one process, and keeps Node's own printer quiet meanwhile.
 * Several users (the files of a worker, the main process role under Jest's --runInBand) share it:
 * the first `acquire` installs, the last `release` puts everything back as it was.
 */
export class WarningCapture {
  readonly #process: NodeJS.Process
  readonly #listener: Listener
  #users = 0
  /** Node's default printer (`onWarning`), taken off while the capture is on. */
  #printers: Listener[] = []

  constructor(proc: NodeJS.Process, sink: WarningSink) {
    this.#process = proc
    this.#listener = (warning) => {
      const w = warning as WarningLike
      sink(
        typeof w.name === 'string' ? w.name : 'Warning',
        typeof w.code === 'string' ? w.code : '',
        typeof w.message === 'string' ? w.message : String(w.message),
        typeof warning === 'object' && warning !== null ? warning : undefined,
        proc.listenerCount('warning') > 1,
      )
    }
  }

  acquire(): void {
    if (this.#users++ > 0) return
    // Node prints every warning through a listener of its own on this event (named `onWarning`,
    // absent under --no-warnings); the event fires either way, so the capture sees them all.
    this.#printers = this.#process.listeners('warning').filter((l) => l.name === 'onWarning') as Listener[]
    for (const printer of this.#printers) this.#process.off('warning', printer)
    this.#process.on('warning', this.#listener)
  }

  release(): void {
    if (this.#users === 0 || --this.#users > 0) return
    this.#process.off('warning', this.#listener)
    for (const printer of this.#printers) this.#process.on('warning', printer)
    this.#printers = []
  }

  get active(): boolean {
    return this.#users > 0
  }
}

const PATCHED = Symbol.for('steadfast.warnings.console')
const OWN_PREFIX = '[steadfast/'
type ConsoleMethod = ((...args: unknown[]) => void) & { [PATCHED]?: () => void }

/**
 * Routes `console.warn` (and `console.error`, when asked) of one console object to `sink`, with
 * the caller's stack. Idempotent; returns the undo. The original method is not called: the
 * first occurrence of each kind is printed by the live output, repeats only counted.
 */
export function captureConsole(
  target: Console,
  methods: ReadonlyArray<'warn' | 'error'>,
  sink: WarningSink,
): () => void {
  const undos: Array<() => void> = []
  for (const method of methods) {
    const current = target[method] as ConsoleMethod
    if (current[PATCHED]) continue
    const type = `console.${method}`
    const replacement: ConsoleMethod = (...args: unknown[]) => {
      const message = format(...args)
      // The other Steadfast packages report through the console ("[steadfast/rejections] …"):
      // those lines are not warnings of the suite, and each must be seen.
      if (message.startsWith(OWN_PREFIX)) return current.apply(target, args)
      const holder = {}
      // The stack from the caller of console.warn: this wrapper is left out.
      Error.captureStackTrace(holder, replacement)
      sink(type, '', message, holder, false)
    }
    const undo = () => {
      if (target[method] === replacement) target[method] = current
    }
    replacement[PATCHED] = undo
    target[method] = replacement
    undos.push(undo)
  }
  return () => {
    for (const undo of undos) undo()
  }
}
