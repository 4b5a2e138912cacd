// The Vitest side of a worker. Vitest evaluates the setup file again for every test file; it calls
// `installForFile` each time, which turns the capture on for that file and off at its end.
import { installFileHooks } from './_fileHooks.js'

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
  const { expect } = vitest
  // Vitest's own test name is already `describe > test`.
  installFileHooks(
    vitest,
    expect.getState().testPath,
    () => expect.getState().currentTestName,
    globalThis.console,
  )
}
