// Vitest's internals Steadfast uses in its workers, each behind its capability (capabilities.ts).
import { hasCapability } from './capabilities.js'
import { takeProcessListeners } from './nodeSeam.js'

/** Vitest's worker state, as far as Steadfast reads it. */
interface VitestWorkerLike {
  config?: { runner?: string }
}

/**
 * Vitest's worker state (`__vitest_worker__` on the global), or undefined outside a Vitest worker.
 * Vitest gives its workers a `VITEST_WORKER_ID` variable too (its public API, not set in its main
 * process): there, a missing state means a release moved it.
 */
export function vitestWorker(): VitestWorkerLike | undefined {
  const worker = (globalThis as { __vitest_worker__?: VitestWorkerLike }).__vitest_worker__
  if (worker === undefined && !process.env.VITEST_WORKER_ID) return undefined
  return hasCapability('vitest.worker', typeof worker === 'object' && worker !== null) ? worker : undefined
}

/** A suite's hooks as Vitest keeps them, by kind. */
export type VitestSuiteHooks<Hook> = Partial<
  Record<'beforeAll' | 'afterAll' | 'beforeEach' | 'afterEach', Hook[]>
>

const SUITE_MODULE = Symbol.for('steadfast.core.vitestSuiteModule')
type SuiteModule = { getHooks?: unknown }

/**
 * Keeps `vitest/suite` as the test files see it, imported by the umbrella's setup file where
 * Vitest exports no runner class (3.2, 4.0): the parts' runtimes, loaded from the code cache as
 * scripts, cannot `import()` it themselves, nor resolve `vitest` from where they are installed.
 */
export function keepVitestSuiteModule(module: unknown): void {
  ;(process as unknown as { [SUITE_MODULE]?: unknown })[SUITE_MODULE] = module
}

/**
 * How to reach a suite's hooks: `TestRunner.getSuiteHooks` (Vitest ≥ 4.1), else `getHooks` of
 * `vitest/suite` (3.2, 4.0). Undefined when neither is there: hooks then run as Vitest calls them.
 */
export async function vitestSuiteHooks<Suite, Hook>(api: {
  TestRunner?: { getSuiteHooks?: (suite: Suite) => VitestSuiteHooks<Hook> }
}): Promise<((suite: Suite) => VitestSuiteHooks<Hook>) | undefined> {
  type GetHooks = (suite: Suite) => VitestSuiteHooks<Hook>
  let getHooks: unknown = api.TestRunner?.getSuiteHooks
  getHooks ??= (process as unknown as { [SUITE_MODULE]?: SuiteModule })[SUITE_MODULE]?.getHooks
  if (!getHooks) {
    // A part's own setup file loads its runtime as an ES module, which can import it.
    try {
      const spec = 'vitest/suite'
      getHooks = ((await import(/* @vite-ignore */ spec)) as SuiteModule).getHooks
    } catch {
      getHooks = undefined
    }
  }
  return hasCapability('vitest.suiteHooks', typeof getHooks === 'function')
    ? (getHooks as GetHooks)
    : undefined
}

/**
 * Takes Vitest's own `unhandledRejection` and `uncaughtException` listeners off this worker's
 * process (Vitest reports such errors only while its listener is the only one) and returns how to
 * hand it an error no test file can take; undefined when Vitest has none there, and such an error
 * is then Node's to handle.
 */
export function takeOverVitestListeners():
  | ((type: string, error: unknown, promise: unknown) => void)
  | undefined {
  const events = ['unhandledRejection', 'uncaughtException']
  const found = events.some((event) => process.listenerCount(event) > 0)
  if (!hasCapability('vitest.processListeners', found)) return undefined
  return takeProcessListeners(process, events).forward
}
