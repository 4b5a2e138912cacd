import { relative } from 'node:path'
import { useProcessWith } from './_hooks.js'
import { vitestAnnounce, vitestTestInfo } from './_vitestContext.js'
import { workerState } from './_worker.js'
import type { ProcessDefinition } from './defineProcess.js'
import type { ProcessHandle } from './handle.js'
import { jestTestInfo } from './jest.js'

type Hook = (fn: (...args: never[]) => unknown, timeout?: number) => void
interface GlobalHooks {
  beforeAll?: Hook
  beforeEach?: Hook
  afterAll?: Hook
  expect?: { getState(): { testPath?: string; currentTestName?: string } }
}

/**
 * Registers the hooks of `definition` with the runner's global hooks (Jest, or Vitest with
 * `globals: true`) and returns its handle. `@steadfast/respawn/jest` and `@steadfast/respawn/vitest`
 * export the same function bound to their runner, which is the surer choice.
 *
 * @throws Error when there are no global hooks to register with.
 */
export function useProcess(definition: ProcessDefinition): ProcessHandle {
  // In a Vitest worker the respawn() plugin's setup file (the umbrella's too) has kept Vitest's
  // hooks: they work without globals, and this entry must not import vitest (Jest loads it too).
  const { beforeAll, beforeEach, afterAll, expect } = (workerState().vitestApi ?? globalThis) as GlobalHooks
  if (!beforeAll || !beforeEach || !afterAll || !expect) {
    throw new Error(
      'useProcess() from @steadfast/respawn found no runner hooks to register with (beforeAll, beforeEach, afterAll, expect were undefined). In Vitest, add the respawn() plugin (or steadfast()) to vitest.config, or set test.globals: true; in Jest, call it in a test file with injectGlobals on.',
    )
  }
  return useProcessWith(definition, {
    beforeAll,
    beforeEach,
    afterAll,
    file: () =>
      workerState().currentFile ?? relative(workerState().root, expect.getState().testPath ?? 'unknown file'),
    test: (context) =>
      context && typeof context === 'object' && 'task' in context ? vitestTestInfo(context) : jestTestInfo(),
    announce: vitestAnnounce,
  })
}
