// Jest: `setupFilesAfterEnv: ['@steadfast/warnings/jest']`. Runs in each test file's sandbox.
// Options come from the reporter (validated once), else from steadfast.config.{json,cjs,js} and
// STEADFAST_WARNINGS_* variables.
import { circusFullName, circusState, hostCreateRequire, onJestTests } from '@steadfast/core'
import { sibling } from './_here.js'

// The capture and all it imports are loaded with Node's own require, once per worker: through Jest's
// module registry they would be evaluated again for every test file. The runtime is one per
// process either way; this file's console is passed in, as the module's own global is not the
// sandbox's.
const { installFileHooks } = hostCreateRequire()(sibling('jest.js'))(
  './_fileHooks.js',
) as typeof import('./_fileHooks.js')

type HookFn = (fn: () => unknown) => void
interface JestGlobals {
  beforeAll: HookFn
  beforeEach: HookFn
  afterEach: HookFn
  afterAll: HookFn
  expect: { getState(): { testPath?: string; currentTestName?: string } }
}

const runner = globalThis as unknown as JestGlobals

// jest-circus's state for this file, looked up once (listing the sandbox global's symbols is slow).
const circus = circusState()

/** The running test's full name, `describe > test` as in Vitest; Jest's own joins with spaces. */
function currentTest(): string | undefined {
  const test = circus?.currentlyRunningTest
  return test ? circusFullName(test) : runner.expect.getState().currentTestName
}
installFileHooks(runner, runner.expect.getState().testPath, currentTest, globalThis.console, (listener) =>
  onJestTests('warnings', {
    beforeTest: (test) => listener.beforeTest(circusFullName(test)),
    afterTest: () => listener.afterTest(),
  }),
)
