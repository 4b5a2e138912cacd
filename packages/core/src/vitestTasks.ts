// One dispatcher for what the parts do around every Vitest test, through the runner's own task
// hooks rather than a `beforeEach`/`afterEach` pair each: Vitest sends the main process (and every
// reporter) two task events per hook per test, which made the pairs most of the cost of a suite of
// small tests (docs/design/overhead.md).

import { hasCapability } from './capabilities.js'
import { joinErrors } from './fileHooks.js'
import { vitestWorker } from './vitestSeam.js'

/** A Vitest task as the dispatcher hands it on (the parts Steadfast reads). */
export interface VitestTaskLike {
  id: string
  name: string
  type?: string
  suite?: VitestTaskLike
  filepath?: string
  result?: { errors?: Array<{ message?: string }> }
}

/**
 * A task's full name as Vitest's own `currentTestName` gives it and every report uses: its suites
 * and title joined with " > ", up to (not including) the file, the only task with a `filepath`.
 */
export function vitestFullName(task: VitestTaskLike): string {
  const names: string[] = []
  for (let t: VitestTaskLike | undefined = task; t && t.filepath === undefined; t = t.suite)
    names.unshift(t.name)
  return names.join(' > ')
}

/** What a part does around each test of the file being run. */
export interface VitestTestListener {
  /**
   * Before the test's first `beforeEach`, synchronously: an async context entered here reaches
   * every hook of the test, the test itself and its cleanup.
   */
  beforeTest?(test: VitestTaskLike): void
  /** After its last `afterEach`, cleanup and `onTestFinished`; a thrown error fails this attempt. */
  afterTest?(test: VitestTaskLike): unknown
}

/** The part of `vitest` the dispatcher needs: Vitest ≥ 4.1 exports its default runner's class. */
export interface VitestRunnerApi {
  TestRunner?: { prototype: object }
}

type TryHook = (this: unknown, test: VitestTaskLike, options?: unknown) => unknown
type RunnerPrototype = {
  onBeforeTryTask?: TryHook
  onAfterRetryTask?: TryHook
  [LISTENERS]?: Map<string, VitestTestListener>
}
const LISTENERS = Symbol.for('steadfast.core.vitestTestListeners')

/**
 * Registers `listener` under `key` (one per part: registering again, as every test file does,
 * replaces it) with the runner's `onBeforeTryTask` and `onAfterRetryTask`, patched once per worker
 * on the prototype. Listeners run in the order their keys were first registered.
 *
 * Returns false where the runner cannot be followed (Vitest before 4.1, or a custom `runner`,
 * which may not extend Vitest's): the caller registers its own hooks then.
 */
export function onVitestTests(api: VitestRunnerApi, key: string, listener: VitestTestListener): boolean {
  const proto = api.TestRunner?.prototype as RunnerPrototype | undefined
  // Vitest 3.2 and 4.0 export no runner, and a custom `runner` may not extend Vitest's: the public
  // hooks are the design there, not a fallback.
  const worker = vitestWorker()
  if (!proto || worker?.config?.runner) {
    hasCapability('vitest.taskHooks', undefined)
    return false
  }
  // Without the worker's config, whether a custom runner runs cannot be told: not patched then.
  const found = typeof proto.onBeforeTryTask === 'function' && worker?.config !== undefined
  if (!hasCapability('vitest.taskHooks', found)) return false
  let listeners = proto[LISTENERS]
  if (!listeners) {
    listeners = new Map()
    patch(proto, listeners)
  }
  listeners.set(key, listener)
  return true
}

function patch(proto: RunnerPrototype, listeners: Map<string, VitestTestListener>): void {
  const before = proto.onBeforeTryTask as TryHook
  const afterRetry = proto.onAfterRetryTask
  proto[LISTENERS] = listeners
  proto.onBeforeTryTask = function (test, options) {
    if (test.type === 'test') for (const listener of listeners.values()) listener.beforeTest?.(test)
    return before.call(this, test, options)
  }
  proto.onAfterRetryTask = async function (test, options) {
    await afterRetry?.call(this, test, options)
    if (test.type !== 'test') return
    const errors: unknown[] = []
    for (const listener of listeners.values()) {
      try {
        await listener.afterTest?.(test)
      } catch (error) {
        errors.push(error)
      }
    }
    if (errors.length > 0) throw joinErrors(errors)
  }
}

type TimerFn = ((...args: unknown[]) => unknown) & { [OUTSIDE]?: true }
const OUTSIDE = Symbol.for('steadfast.core.runnerTimersOutside')
let safeTimersKey: symbol | undefined

/**
 * Makes the timers Vitest's runner times every test and hook with start outside any async context
 * of ours, through `outside` (an `AsyncLocalStorage#exit`). The runner takes them from its "safe
 * timers" (the real ones, kept on the global under a private `Symbol('vitest:SAFE_TIMERS')`, read at
 * each use), inside the test's context: the leak recorder would capture a creation stack for each,
 * two a test, only to find them the runner's. Call once per test file (Vitest may set the timers
 * anew); where the timers are not found, nothing changes but that cost.
 */
export function runnerTimersOutside(outside: <T>(fn: () => T) => T): void {
  safeTimersKey ??= Object.getOwnPropertySymbols(globalThis).find(
    (symbol) => symbol.description === 'vitest:SAFE_TIMERS',
  )
  const timers =
    safeTimersKey && (globalThis as Record<symbol, Record<string, TimerFn> | undefined>)[safeTimersKey]
  if (!hasCapability('vitest.safeTimers', timers !== undefined) || !timers) return
  for (const name of ['setTimeout', 'setInterval']) {
    const real = timers[name]
    if (typeof real !== 'function' || real[OUTSIDE]) continue
    const started: TimerFn = (...args) => outside(() => real(...args))
    started[OUTSIDE] = true
    timers[name] = started
  }
}
