// @steadfast-build: self-contained
// The Vitest side of a worker. Vitest evaluates the setup file again for every test file; it calls
// `installForFile` each time, which turns the capture on for that file and off at its end.
import { relative } from 'node:path'
import { onVitestTests, type VitestFileHooks, type VitestRunnerApi, vitestFullName } from '@steadfast/core'
import { installFileHooks } from './_fileHooks.js'
import { delivered, processRuntime } from './_runtime.js'
import { META_KEY } from './artifact.js'

type FileTask = { tasks: unknown[]; meta?: Record<string, unknown> }

/** The worker's capture, for bench/warnings.bench.mjs's cost of a warning (this file is one bundle). */
export { processRuntime }

/** The parts of `vitest` the setup uses, passed in so this module never imports `vitest` itself. */
export interface VitestApi extends VitestRunnerApi {
  beforeAll: (fn: () => unknown) => void
  afterAll: (fn: () => unknown) => void
  beforeEach: (fn: () => unknown) => void
  afterEach: (fn: () => unknown) => void
  expect: { getState(): { testPath?: string; currentTestName?: string } }
}

/**
 * Registers the capture and the hooks of one test file. Called by the setup file, once per file;
 * `fileHooks` are the umbrella's shared file-level hooks, Vitest's own when the part runs alone.
 */
export function installForFile(vitest: VitestApi, fileHooks: VitestFileHooks = vitest): void {
  const { expect } = vitest
  const testPath = expect.getState().testPath
  const runtime = processRuntime()
  const ignoredBefore = runtime.store.ignored
  // The file's task meta carries its own origins of each kind: keep them apart while it runs.
  if (testPath) runtime.store.followFile(relative(runtime.root, testPath))
  // Registered before the capture's hooks: Vitest runs after-hooks last-registered first, so this
  // one sees the file's last warnings counted. No parameter declared (Vitest reads a hook's
  // parameters to find its fixtures): the suite comes in `arguments`.
  fileHooks.afterAll(async function () {
    await delivered()
    runtime.flush()
    // biome-ignore lint/complexity/noArguments: Vitest 3 passes (suite), 4 and 5 (context, suite)
    const suite = [...arguments].find(
      (a): a is FileTask => typeof a === 'object' && a !== null && 'tasks' in a,
    )
    if (!suite || !testPath) return
    const counts = runtime.store.ofFile(
      relative(runtime.root, testPath),
      runtime.store.ignored - ignoredBefore,
    )
    if (counts.total + counts.ignored > 0) suite.meta = { ...suite.meta, [META_KEY]: counts }
  })
  // Vitest's own test name is already `describe > test`.
  installFileHooks(
    {
      beforeAll: fileHooks.beforeAll,
      afterAll: fileHooks.afterAll,
      beforeEach: vitest.beforeEach,
      afterEach: vitest.afterEach,
    },
    testPath,
    () => expect.getState().currentTestName,
    globalThis.console,
    (listener) =>
      onVitestTests(vitest, 'warnings', {
        beforeTest: (task) => listener.beforeTest(vitestFullName(task)),
        afterTest: () => listener.afterTest(),
      }),
  )
}
