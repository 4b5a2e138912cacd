// What the Vitest setup file and the Jest setup file both do for one test file: turn the capture
// on, say which test runs, fail a test (or the file) that met an error rule, and write the counts
// when the file ends. The adapters pass in their runner's hooks and how to name the running test.
import { relative } from 'node:path'
import { consoleMethods } from './_consoleMethods.js'
import { delivered, processRuntime, ruleFailure } from './_runtime.js'
import { captureConsole } from './capture.js'

type Hook = (fn: () => unknown) => void

/** The runner's hooks for the current test file (no parameter declared: Jest and Vitest read them). */
export interface FileHooks {
  beforeAll: Hook
  beforeEach: Hook
  afterEach: Hook
  afterAll: Hook
}

/** What to do around each test, handed to the runner's own task hooks where it has them. */
export interface TestListener {
  /** The test starts: `name` is its full name (`describe > test`). */
  beforeTest(name: string | undefined): void
  /** The test has ended (after its hooks): throws what its warnings broke. */
  afterTest(): Promise<void>
}

/**
 * Starts the capture for the test file at `testPath` and registers its hooks. `currentTest`
 * names the running test (`describe > test`), read in `beforeEach`. `console` is the test file's
 * own (Jest loads this module outside the file's sandbox). `followTests` hands the per-test work
 * to the runner's task hooks and says whether it could; otherwise a `beforeEach`/`afterEach` pair
 * does it.
 */
export function installFileHooks(
  hooks: FileHooks,
  testPath: string | undefined,
  currentTest: () => string | undefined,
  console: Console,
  followTests: (listener: TestListener) => boolean = () => false,
): void {
  const runtime = processRuntime()
  runtime.file = testPath ? relative(runtime.root, testPath) : runtime.outside
  runtime.capture.acquire()
  // Each test file has a console of its own, in Vitest and in Jest: patch this one.
  const undoConsole = captureConsole(console, consoleMethods(runtime.options), runtime.sink)

  // What the test module emitted while it loaded arrives a tick later: let it count for the file
  // before the first test starts.
  hooks.beforeAll(() => delivered())

  const listener: TestListener = {
    beforeTest(name) {
      runtime.test = name
    },
    async afterTest() {
      await delivered()
      const test = runtime.test
      runtime.test = undefined
      const failure = ruleFailure(runtime, test)
      if (failure) throw failure
    },
  }
  if (!followTests(listener)) {
    hooks.beforeEach(() => listener.beforeTest(currentTest()))
    hooks.afterEach(() => listener.afterTest())
  }

  hooks.afterAll(async () => {
    await delivered()
    const failure = ruleFailure(runtime, undefined)
    undoConsole()
    runtime.capture.release()
    runtime.flush()
    runtime.file = undefined
    if (failure) throw failure
  })
}
