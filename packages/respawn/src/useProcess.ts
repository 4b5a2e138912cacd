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
 * Registers the hooks of `definition` with the runner's hooks and returns its handle: Jest's
 * globals, or Vitest's (from the plugin's setup file, from the `vitest` module when an ES module
 * test file imports this entry, or from `globals: true`). `@steadfast/respawn/jest` and
 * `@steadfast/respawn/vitest` export the same function bound to their runner.
 *
 * @throws Error when no runner's hooks are there to register with.
 */
export function useProcess(definition: ProcessDefinition): ProcessHandle {
  // In a Vitest worker the respawn() plugin's setup file (the umbrella's too) has kept Vitest's
  // hooks, or, without it, the ES module entry took them from \`vitest\` at load (main.ts): this
  // module must not import vitest itself (Jest and the plugin's config load it too).
  const { beforeAll, beforeEach, afterAll, expect } = (workerState().vitestApi ?? globalThis) as GlobalHooks
  if (!beforeAll || !beforeEach || !afterAll || !expect) {
    throw new Error(
      'useProcess() from @steadfast/respawn found no runner hooks to register with (beforeAll, beforeEach, afterAll, expect were undefined): call it in a test file that Vitest or Jest runs, while the file loads. In Vitest, import it from an ES module test file (or add the respawn() plugin, or set test.globals: true); in Jest, keep injectGlobals on.',
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
