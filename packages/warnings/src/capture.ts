import { format } from 'node:util'
import { nodeWarningPrinters } from '@steadfast/core'

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

type EmitWarning = NodeJS.Process['emitWarning']
/** Marks our `emitWarning`: a process object copied from one we redirected has it already. */
const DIRECT = Symbol.for('steadfast.warnings.emitWarning')
type EmitOptions = { type?: unknown; code?: unknown; detail?: unknown; ctor?: unknown }

/**
 * Listens to `process.emitWarning` on one process, and keeps Node's own printer quiet meanwhile.
 * Several users (the files of a worker, the main process role under Jest's --runInBand) share it:
 * the first `acquire` installs, the last `release` puts everything back as it was.
 *
 * While it is on, `process.emitWarning` of a plain string warning is delivered at once, when
 * nothing else listens to `'warning'`: Node would build an Error for it and emit it a tick later,
 * for the capture alone to read one frame of its stack. It emits a light warning object instead,
 * with the caller's stack and the name, message and code Node would give it, through
 * `process.emit` (Vitest filters some warnings there). Anything else (an Error, a `detail`,
 * another listener, a deprecation under `--no-deprecation`, `--throw-deprecation` or
 * `--trace-deprecation`, arguments Node would reject) goes through Node as before.
 */
export class WarningCapture {
  readonly #process: NodeJS.Process
  readonly #listener: Listener
  #users = 0
  /** Node's default printer (`onWarning`), taken off while the capture is on. */
  #printers: Listener[] = []
  /** Puts the process's `emitWarning` back as it was before `acquire`. */
  #undoEmit: (() => void) | undefined

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
    // Node prints every warning through a listener of its own on this event (core's seam finds
    // it); the event fires either way, so the capture sees them all.
    this.#printers = nodeWarningPrinters(this.#process) as Listener[]
    for (const printer of this.#printers) this.#process.off('warning', printer)
    this.#process.on('warning', this.#listener)
    this.#undoEmit = this.redirect(this.#process)
  }

  release(): void {
    if (this.#users === 0 || --this.#users > 0) return
    this.#process.off('warning', this.#listener)
    for (const printer of this.#printers) this.#process.on('warning', printer)
    this.#printers = []
    this.#undoEmit?.()
    this.#undoEmit = undefined
  }

  get active(): boolean {
    return this.#users > 0
  }

  /**
   * Delivers the plain warnings of `target.emitWarning` at once (see above) while the capture is
   * on: the process's own, which `acquire` does, or a copy of it (a Jest test file's sandbox has
   * its own `process`, made before the capture began). Returns the undo, which leaves a function
   * someone set after ours in place.
   */
  redirect(target: { emitWarning: EmitWarning }): () => void {
    const original = target.emitWarning
    if ((original as { [DIRECT]?: true })[DIRECT]) return () => {}
    // Only where this module runs in Node's own realm: a stack is formatted by the realm's
    // `Error.prepareStackTrace` (a runner's source maps), and Vitest's vm pools load this module in
    // a context of their own, where a warning of ours would lose them. There Node delivers.
    if (Object.getPrototypeOf(original) !== Function.prototype) return () => {}
    const direct = this.#direct(original)
    target.emitWarning = direct
    return () => {
      if (target.emitWarning === direct) target.emitWarning = original
    }
  }

  #direct(original: EmitWarning): EmitWarning {
    const proc = this.#process
    const listener = this.#listener
    const direct = function emitWarning(this: unknown, ...args: unknown[]): void {
      let [warning, type, code, ctor] = args
      let detail: unknown
      if (type !== null && typeof type === 'object') {
        ;({ type, code, detail, ctor } = type as EmitOptions)
      } else if (typeof type === 'function') {
        ctor = type
        type = undefined
        code = undefined
      } else if (typeof code === 'function') {
        ctor = code
        code = undefined
      }
      type ??= 'Warning'
      const plain =
        typeof warning === 'string' &&
        typeof type === 'string' &&
        (code === undefined || typeof code === 'string') &&
        detail === undefined &&
        (ctor === undefined || typeof ctor === 'function') &&
        !(
          type === 'DeprecationWarning' &&
          (proc.noDeprecation || proc.throwDeprecation || proc.traceDeprecation)
        ) &&
        proc.listenerCount('warning') === 1 &&
        proc.listenerCount('warning', listener) === 1
      if (!plain) {
        ;(original as (...a: unknown[]) => void).apply(this, args)
        return
      }
      const light: WarningLike =
        code === undefined ? { name: type, message: warning } : { name: type, message: warning, code }
      // The caller's stack, as Node captures it for a warning: from above `ctor`.
      Error.captureStackTrace(light, typeof ctor === 'function' ? ctor : direct)
      // Not an Error: what listens here reads its name, message, code and stack, which it has.
      proc.emit('warning', light as unknown as Error)
    } as EmitWarning
    ;(direct as { [DIRECT]?: true })[DIRECT] = true
    return direct
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
