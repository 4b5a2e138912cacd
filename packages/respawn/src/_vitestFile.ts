// @steadfast-build: self-contained
// Per test file, from the plugin's setup file: tells the worker which file runs, and stops the
// processes `.fixture()` started for it after the file's last hook.
import { relative } from 'node:path'
import { type VitestHooks, workerState } from './_worker.js'
import { META_KEY } from './report.js'

/** The part of Vitest's file task the hook writes to. */
type FileTask = { tasks: unknown[]; meta?: Record<string, unknown> }

/** The parts of `vitest` the setup file uses, passed in so this module never imports it. */
export type VitestSetupApi = VitestHooks

/** Our own timeouts bound every step of a check or respawn; this only keeps the runner's out. */
const HOOK_TIMEOUT = 600_000

/**
 * Registers the file's hooks. `fileHooks` are the umbrella's shared file-level hooks (timed out by
 * it), Vitest's own when the part runs alone.
 */
export function installForFile(
  vitest: VitestSetupApi,
  fileHooks: { afterAll(fn: () => unknown, timeout?: number): void } = vitest,
): void {
  const worker = workerState()
  const file = relative(worker.root, vitest.expect.getState().testPath ?? 'unknown file')
  worker.vitestSetup = true
  worker.vitestApi = {
    beforeAll: vitest.beforeAll,
    beforeEach: vitest.beforeEach,
    afterAll: vitest.afterAll,
    expect: vitest.expect,
  }
  worker.currentFile = file

  // No parameter declared (Vitest reads a hook's parameters to find its fixtures): the file's
  // suite comes in `arguments` (Vitest 3 passes (suite), 4 and 5 (context, suite)).
  fileHooks.afterAll(async function () {
    for (const session of [...worker.fileSessions]) {
      if (session.file !== file) continue
      await session.stop()
      worker.fileSessions.delete(session)
    }
    // Kept in the file's task meta too: Vitest's blob reports carry it to `--merge-reports`.
    // biome-ignore lint/complexity/noArguments: see above
    const suite = [...arguments].find(
      (a): a is FileTask => typeof a === 'object' && a !== null && 'tasks' in a,
    )
    const records = worker.artifact().ofFile(file)
    if (suite && records.length > 0) suite.meta = { ...suite.meta, [META_KEY]: records }
  }, HOOK_TIMEOUT)
}
