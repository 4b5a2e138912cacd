// Jest: `const api = useProcess(apiDefinition)` in a test file registers the hooks.
import { relative } from 'node:path'
import { circusCurrentTest, circusFullName, circusState, jestNotice } from '@steadfast/core'
import { useProcessWith } from './_hooks.js'
import { workerState } from './_worker.js'
import type { ProcessDefinition } from './defineProcess.js'
import type { ProcessHandle } from './handle.js'
import type { TestInfo } from './session.js'

type Hook = (fn: (...args: never[]) => unknown, timeout?: number) => void
interface JestGlobals {
  beforeAll?: Hook
  beforeEach?: Hook
  afterAll?: Hook
  expect?: { getState(): { testPath?: string; currentTestName?: string } }
}

// jest-circus's state for this test file, looked up on first use and kept: listing the sandbox
// global's symbols costs ≈ 24 µs, and this runs before every test.
let circus: unknown

/** The running Jest test: its full name (`describe > test`, as in every report) and whether it is a retry. */
export function jestTestInfo(): TestInfo {
  circus ??= circusState()
  const test = circusCurrentTest(circus)
  if (!test) return { name: (globalThis as JestGlobals).expect?.getState().currentTestName, retry: false }
  return { name: circusFullName(test), retry: (test.invocations ?? 1) > 1 }
}

/**
 * Registers the hooks of `definition` in this Jest test file and returns its handle: started in a
 * `beforeAll` (your own `beforeAll` hooks after this call can use it), checked (liveness, health)
 * before every test, stopped in `afterAll`.
 *
 * @example
 * const { useProcess } = require('@steadfast/respawn/jest')
 * const api = useProcess(apiDefinition)
 * test('answers', async () => { await fetch(api.url) })
 */
export function useProcess(definition: ProcessDefinition): ProcessHandle {
  const jest = globalThis as JestGlobals
  const { beforeAll, beforeEach, afterAll, expect } = jest
  if (!beforeAll || !beforeEach || !afterAll || !expect) {
    throw new Error(
      "useProcess() from @steadfast/respawn/jest needs Jest's globals (beforeAll, beforeEach, afterAll, expect); set injectGlobals: true, or call it in a Jest test file",
    )
  }
  const notice = jestNotice(console)
  return useProcessWith(definition, {
    beforeAll,
    beforeEach,
    afterAll,
    file: () => relative(workerState().root, expect.getState().testPath ?? 'unknown file'),
    test: () => jestTestInfo(),
    // Jest has no annotations: the line lands in the test file's output, under this test.
    announce: (_context, message) => notice(message),
  })
}
