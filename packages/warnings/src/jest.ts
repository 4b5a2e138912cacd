// Jest: `setupFilesAfterEnv: ['@steadfast/warnings/jest']`. Runs in each test file's sandbox.
// Options come from the reporter (validated once), else from steadfast.config.{json,cjs,js} and
// STEADFAST_WARNINGS_* variables.
import { hostCreateRequire } from '@steadfast/core'
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

interface CircusTest {
  name: string
  parent?: { name: string; parent?: unknown }
}

const runner = globalThis as unknown as JestGlobals

/** The running test's full name, `describe > test` as in Vitest; Jest's own joins with spaces. */
function currentTest(): string | undefined {
  // jest-circus keeps its state under a private Symbol('JEST_STATE_SYMBOL') on the sandbox global.
  const key = Object.getOwnPropertySymbols(globalThis).find((s) => s.description === 'JEST_STATE_SYMBOL')
  const state = key
    ? ((globalThis as Record<symbol, unknown>)[key] as { currentlyRunningTest?: CircusTest | null })
    : undefined
  const test = state?.currentlyRunningTest
  if (!test) return runner.expect.getState().currentTestName
  const names = [test.name]
  for (let block = test.parent as CircusTest | undefined; block?.parent; block = block.parent as CircusTest)
    names.unshift(block.name)
  return names.join(' > ')
}
installFileHooks(runner, runner.expect.getState().testPath, currentTest, globalThis.console)
