import { injectFault, ownFault } from '@steadfast/core'
import { judgedWith, type Owner, ownerStorage, realProcess } from './_context.js'

/** One unhandled rejection or uncaught exception, with whose async context created it. */
export interface CaughtError {
  type: 'unhandledRejection' | 'uncaughtException'
  error: unknown
  /** The test or file whose async context created the promise or scheduled the callback. */
  owner: Owner | undefined
  /** It surfaced after its owner had finished. */
  late: boolean
}

export interface CatcherHooks {
  /** Whether an error is let through by the user's `ignore` rules. */
  ignored: (error: unknown) => boolean
  /**
   * An error no async context claims: return the owner to blame it on (the file being run),
   * `'forwarded'` when it was handed on to the runner, or undefined to keep it as an orphan.
   */
  orphan: (type: CaughtError['type'], error: unknown, promise: unknown) => Owner | 'forwarded' | undefined
  /**
   * An error whose file has already been judged (it surfaced while another file ran): hand it to
   * the runner's own reporting, as if the plugin were not there. Returns false when it cannot.
   */
  outlived: (caught: CaughtError, promise: unknown) => boolean
  /**
   * An error Steadfast failed to file (a fault of its own while hearing it): hand it on so it is
   * not lost, to the runner's own reporting or else failing the run.
   */
  lost: (type: CaughtError['type'], error: unknown, promise: unknown) => void
}

const MARK = Symbol.for('steadfast.rejections.listener')
type Marked = ((...args: never[]) => void) & { [MARK]?: true }

/**
 * Catches every unhandled rejection and uncaught exception of the process and files it under the
 * test (or file) whose async context created it. A rejection handled later (`rejectionHandled`)
 * is withdrawn, so only what is still unhandled when its owner ends counts.
 */
export class Catcher {
  readonly #byOwner = new Map<Owner, CaughtError[]>()
  readonly #orphans: CaughtError[] = []
  /** Files whose errors were already judged: what they leave later cannot fail them any more. */
  readonly #judgedFiles = new Set<string>()
  readonly #pending = new Map<Promise<unknown>, { record: CaughtError; list: CaughtError[] }>()
  readonly #hooks: CatcherHooks
  #listeners: Array<[string, Marked]> = []

  constructor(hooks: CatcherHooks) {
    this.#hooks = hooks
  }

  /** Adds the process listeners (on the real process, also from inside Jest's vm context). */
  install(): void {
    if (this.#listeners.length > 0) return
    const onRejection: Marked = (reason: unknown, promise: Promise<unknown>) => {
      try {
        injectFault('rejections', 'listener')
        const list = this.#record('unhandledRejection', reason, promise)
        if (list) this.#pending.set(promise, { record: list[list.length - 1] as CaughtError, list })
      } catch (fault) {
        this.#fault('unhandledRejection', reason, promise, fault)
      }
    }
    const onHandled: Marked = (promise: Promise<unknown>) => {
      const entry = this.#pending.get(promise)
      if (!entry) return
      this.#pending.delete(promise)
      const index = entry.list.indexOf(entry.record)
      if (index !== -1) entry.list.splice(index, 1)
    }
    const onException: Marked = (error: unknown) => {
      try {
        injectFault('rejections', 'listener')
        this.#record('uncaughtException', error)
      } catch (fault) {
        this.#fault('uncaughtException', error, undefined, fault)
      }
    }
    this.#listeners = [
      ['unhandledRejection', onRejection],
      ['rejectionHandled', onHandled],
      ['uncaughtException', onException],
    ]
    const target = realProcess()
    for (const [event, listener] of this.#listeners) {
      listener[MARK] = true
      target.on(event, listener as (...args: unknown[]) => void)
    }
  }

  /** Removes the process listeners. Idempotent. */
  uninstall(): void {
    const target = realProcess()
    for (const [event, listener] of this.#listeners)
      target.off(event, listener as (...args: unknown[]) => void)
    this.#listeners = []
  }

  /** Whether our listeners are still attached (a runner may have removed them). */
  installed(): boolean {
    const target = realProcess()
    return (
      this.#listeners.length > 0 &&
      this.#listeners.every(([event, l]) => (target.listeners(event as 'exit') as unknown[]).includes(l))
    )
  }

  /** A file starts (again): its errors count for it until `takeFile`. */
  startFile(file: string): void {
    this.#judgedFiles.delete(file)
  }

  /** Makes `owner` the async context from here on: what is created next is blamed on it. */
  enter(owner: Owner): void {
    ownerStorage().enterWith(owner)
  }

  /** Runs `fn` with `owner` as its async context. */
  run<T>(owner: Owner, fn: () => T): T {
    return ownerStorage().run(owner, fn)
  }

  /** Marks `owner` as finished and returns what it left unhandled (ignored errors excluded). */
  end(owner: Owner): CaughtError[] {
    owner.ended = true
    return this.take(owner)
  }

  /** Whether anything is filed under `owner` so far. */
  has(owner: Owner): boolean {
    return (this.#byOwner.get(owner)?.length ?? 0) > 0
  }

  /** Returns and forgets what is filed under `owner` so far. */
  take(owner: Owner): CaughtError[] {
    const list = this.#byOwner.get(owner) ?? []
    this.#byOwner.delete(owner)
    for (const [promise, entry] of this.#pending) if (entry.list === list) this.#pending.delete(promise)
    return list
  }

  /**
   * Everything still filed under any owner of `file`: late errors of its finished tests, and what
   * its module load and beforeAll/afterAll hooks left. Returned and forgotten.
   */
  takeFile(file: string): CaughtError[] {
    this.#judgedFiles.add(file)
    const left: CaughtError[] = []
    for (const owner of [...this.#byOwner.keys()]) {
      if (owner.file === file) left.push(...this.take(owner))
    }
    return left
  }

  /** Errors with no owner at all (created outside any test or file), returned and forgotten. */
  takeOrphans(): CaughtError[] {
    return this.#orphans.splice(0)
  }

  /** A fault of ours while hearing `error`: said as ours, and the error handed on, never lost. */
  #fault(type: CaughtError['type'], error: unknown, promise: unknown, fault: unknown): void {
    ownFault('rejections', 'while hearing an unhandled error', fault)
    this.#hooks.lost(type, error, promise)
  }

  #record(type: CaughtError['type'], error: unknown, promise?: unknown): CaughtError[] | undefined {
    if (this.#hooks.ignored(error)) return undefined
    let owner = ownerStorage().getStore()
    if (!owner) {
      const claimed = this.#hooks.orphan(type, error, promise)
      if (claimed === 'forwarded') return undefined
      owner = claimed
    }
    const judged = owner ? judgedWith(owner) : undefined
    const record: CaughtError = { type, error, owner, late: judged?.ended ?? false }
    if (judged && this.#judgedFiles.has(judged.file) && this.#hooks.outlived(record, promise))
      return undefined
    let list = this.#orphans
    if (judged) {
      list = this.#byOwner.get(judged) ?? []
      this.#byOwner.set(judged, list)
    }
    list.push(record)
    return list
  }
}
