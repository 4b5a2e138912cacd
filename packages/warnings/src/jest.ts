// Jest: `setupFilesAfterEnv: ['@steadfast/warnings/jest']`. Runs in each test file's sandbox.
// Options come from the reporter (validated once), else from steadfast.config.{json,cjs,js} and
// STEADFAST_WARNINGS_* variables.
import { relative } from 'node:path'
import { consoleMethods } from './_consoleMethods.js'
import { delivered, processRuntime, ruleFailure } from './_runtime.js'
import { captureConsole } from './capture.js'

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
const runtime = processRuntime()
const testPath = runner.expect.getState().testPath
runtime.file = testPath ? relative(runtime.root, testPath) : runtime.outside
runtime.capture.acquire()
// Each test file has a console of its own in Jest: patch this one.
const undoConsole = captureConsole(globalThis.console, consoleMethods(runtime.options), runtime.sink)

// What the test module emitted while it loaded arrives a tick later: let it count for the file
// before the first test starts.
runner.beforeAll(() => delivered())

runner.beforeEach(() => {
  runtime.test = currentTest()
})

runner.afterEach(async () => {
  await delivered()
  const test = runtime.test
  runtime.test = undefined
  const failure = ruleFailure(runtime, test)
  if (failure) throw failure
})

runner.afterAll(async () => {
  await delivered()
  const failure = ruleFailure(runtime, undefined)
  undoConsole()
  runtime.capture.release()
  runtime.flush()
  runtime.file = undefined
  if (failure) throw failure
})
