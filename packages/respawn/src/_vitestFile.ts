// Per test file, from the plugin's setup file: tells the worker which file runs, and stops the
// processes `.fixture()` started for it after the file's last hook.
import { relative } from 'node:path'
import { type VitestHooks, workerState } from './_worker.js'

/** The parts of `vitest` the setup file uses, passed in so this module never imports it. */
export type VitestSetupApi = VitestHooks

/** Our own timeouts bound every step of a check or respawn; this only keeps the runner's out. */
const HOOK_TIMEOUT = 600_000

export function installForFile(vitest: VitestSetupApi): void {
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

  vitest.afterAll(async () => {
    for (const session of [...worker.fileSessions]) {
      if (session.file !== file) continue
      await session.stop()
      worker.fileSessions.delete(session)
    }
  }, HOOK_TIMEOUT)
}
