// The Vitest side of a worker. Vitest evaluates the setup file again for every test file; it calls
// `installForFile` each time, which turns the capture on for that file and off at its end.
import { relative } from 'node:path'
import { consoleMethods } from './_consoleMethods.js'
import { delivered, processRuntime, ruleFailure } from './_runtime.js'
import { captureConsole } from './capture.js'

/** The parts of `vitest` the setup uses, passed in so this module never imports `vitest` itself. */
export interface VitestApi {
  beforeAll: (fn: () => unknown) => void
  afterAll: (fn: () => unknown) => void
  beforeEach: (fn: () => unknown) => void
  afterEach: (fn: () => unknown) => void
  expect: { getState(): { testPath?: string; currentTestName?: string } }
}

/** Registers the capture and the hooks of one test file. Called by the setup file, once per file. */
export function installForFile(vitest: VitestApi): void {
  const { afterAll, afterEach, beforeAll, beforeEach, expect } = vitest
  const runtime = processRuntime()
  const testPath = expect.getState().testPath
  runtime.file = testPath ? relative(runtime.root, testPath) : runtime.outside
  runtime.capture.acquire()
  // Vitest gives each test file a console of its own: patch this one.
  const undoConsole = captureConsole(globalThis.console, consoleMethods(runtime.options), runtime.sink)

  // What the test module emitted while it loaded arrives a tick later: let it count for the file
  // before the first test starts.
  beforeAll(() => delivered())

  beforeEach(() => {
    runtime.test = expect.getState().currentTestName
  })

  afterEach(async () => {
    await delivered()
    const test = runtime.test
    runtime.test = undefined
    const failure = ruleFailure(runtime, test)
    if (failure) throw failure
  })

  afterAll(async () => {
    await delivered()
    const failure = ruleFailure(runtime, undefined)
    undoConsole()
    runtime.capture.release()
    runtime.flush()
    runtime.file = undefined
    if (failure) throw failure
  })
}
