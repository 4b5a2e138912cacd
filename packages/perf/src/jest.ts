// Jest: `setupFilesAfterEnv: ['@steadfast/perf/jest']`. Runs in each test file's sandbox.
// Options come from steadfast.config.{json,cjs,js} ("perf" section) and the environment.
import { join } from 'node:path'
import { codeDirOf, installJestRuntime } from '@steadfast/core/jest-host'
// Brings `expect`'s types into the program, so the augmentation below has a module to merge into.
import type {} from 'expect'

// The part's Jest runtime does the work, loaded once a worker with Node's own require: through
// Jest's module registry it would be evaluated again in every test file, and tinybench (ESM only)
// could not load at all.
const sibling = (name: string): string => join(codeDirOf(new Error()), name)
installJestRuntime(globalThis, sibling('_jestRuntime.js'))

// Jest's documented way to type custom matchers for `@jest/globals`: its `expect` reads `Matchers`
// of the `expect` package.
declare module 'expect' {
  interface Matchers<R extends void | Promise<void>, T = unknown> {
    /**
     * Passes when the received function is not slower than `other` × `factor` (or than `ms` per
     * call on the reference machine), decided on randomised interleaved rounds with a confidence
     * interval. Await it.
     */
    toBeFasterThan(
      other: (() => unknown) | number,
      options?: import('./gateOptions.js').GateOptions,
    ): Promise<R>
    /** The same as `toBeFasterThan`. */
    toRunFasterThan(
      other: (() => unknown) | number,
      options?: import('./gateOptions.js').GateOptions,
    ): Promise<R>
  }
}

declare global {
  namespace jest {
    interface Matchers<R> {
      /** See `toBeFasterThan` of @steadfast/perf. Await it. */
      toBeFasterThan(
        other: (() => unknown) | number,
        options?: import('./gateOptions.js').GateOptions,
      ): Promise<R>
      /** The same as `toBeFasterThan`. */
      toRunFasterThan(
        other: (() => unknown) | number,
        options?: import('./gateOptions.js').GateOptions,
      ): Promise<R>
    }
  }
}
