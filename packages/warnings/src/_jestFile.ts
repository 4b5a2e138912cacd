// @steadfast-build: self-contained
// What @steadfast/warnings does for each Jest test file, loaded once a worker with the host's
// require (Jest's registry would evaluate it again for every file) and handed the file's sandbox
// global. Options come from the reporter (validated once), else from steadfast.config.* and
// STEADFAST_WARNINGS_* variables.
import { circusCurrentTest, circusFullName, type JestFileHooks, onJestTests } from '@steadfast/core'
import { installFileHooks } from './_fileHooks.js'
import { processRuntime } from './_runtime.js'

type HookFn = (fn: () => unknown) => void
interface JestGlobals {
  beforeEach: HookFn
  afterEach: HookFn
  expect: { getState(): { testPath?: string; currentTestName?: string } }
  console: Console
}

/** Starts the capture for the file being set up, with the file's own console and hooks. */
export function installForFile(sandbox: typeof globalThis, fileHooks: JestFileHooks): void {
  const runner = sandbox as unknown as JestGlobals
  // jest-circus's state for this file, found by core once for every part.
  const { circus } = fileHooks

  /** The running test's full name, `describe > test` as in Vitest; Jest's own joins with spaces. */
  const currentTest = (): string | undefined => {
    const test = circusCurrentTest(circus)
    return test ? circusFullName(test) : runner.expect.getState().currentTestName
  }
  const hooks = { ...fileHooks, beforeEach: runner.beforeEach, afterEach: runner.afterEach }
  installFileHooks(hooks, runner.expect.getState().testPath, currentTest, runner.console, (listener) =>
    onJestTests(
      'warnings',
      {
        beforeTest: (test) => listener.beforeTest(circusFullName(test)),
        afterTest: () => listener.afterTest(),
      },
      sandbox,
    ),
  )
  // The file's own `process` is a copy Jest made of the real one, `emitWarning` included. No undo:
  // it goes with the file, and ours hands over to Node once the capture is off.
  const { process: fileProcess } = sandbox as { process?: { emitWarning: NodeJS.Process['emitWarning'] } }
  if (fileProcess && fileProcess !== process) processRuntime().capture.redirect(fileProcess)
}
