// Per test file, from the plugin's setup file: tells the worker which file runs, checks the
// processes `.fixture()` started before every test, and stops them after the file's last hook.
import { relative } from 'node:path'
import { vitestAnnounce, vitestTestInfo } from './_vitestContext.js'
import { workerState } from './_worker.js'

/** The parts of `vitest` the setup file uses, passed in so this module never imports it. */
export interface VitestSetupApi {
  beforeEach: (fn: (...args: never[]) => unknown, timeout?: number) => void
  afterAll: (fn: (...args: never[]) => unknown, timeout?: number) => void
  expect: { getState(): { testPath?: string } }
}

/** Our own timeouts bound every step of a check or respawn; this only keeps the runner's out. */
const HOOK_TIMEOUT = 600_000

export function installForFile(vitest: VitestSetupApi): void {
  const worker = workerState()
  const file = relative(worker.root, vitest.expect.getState().testPath ?? 'unknown file')
  worker.vitestSetup = true
  worker.currentFile = file

  vitest.beforeEach(async function () {
    // biome-ignore lint/complexity/noArguments: a declared parameter would be read as a fixture pattern
    const context: unknown = arguments[0]
    const test = vitestTestInfo(context)
    worker.currentTest = test
    for (const session of worker.fixtureSessions) {
      if (session.file !== file || !session.started) continue
      const note = await session.ensure(test)
      if (note) await vitestAnnounce(context, note)
    }
  }, HOOK_TIMEOUT)

  vitest.afterAll(async () => {
    for (const session of [...worker.fixtureSessions]) {
      if (session.file !== file) continue
      await session.stop()
      worker.fixtureSessions.delete(session)
    }
  }, HOOK_TIMEOUT)
}
