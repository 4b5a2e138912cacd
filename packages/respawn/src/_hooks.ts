// useProcess for any runner whose hooks look like Jest's and Vitest's: the session starts in a
// beforeAll (so the file's own beforeAll hooks, registered after it, can seed it), is checked in
// every beforeEach, and is stopped in afterAll. A start that fails does not fail the beforeAll
// (the runner would report it against the file, or skip the tests): each test fails at once in its
// beforeEach, with the cause. The adapters only say where the hooks and the test names are.

import { workerState } from './_worker.js'
import type { ProcessDefinition } from './defineProcess.js'
import type { ProcessHandle } from './handle.js'
import { Session, type TestInfo } from './session.js'

type Hook = (fn: (...args: never[]) => unknown, timeout?: number) => void

/** What an adapter gives useProcess. */
export interface RunnerHooks {
  beforeAll: Hook
  beforeEach: Hook
  afterAll: Hook
  /** The test file, relative to the project root. */
  file: () => string
  /** The test about to run; `context` is what the runner passed to beforeEach (Vitest's context). */
  test: (context: unknown) => TestInfo
  /** Tells the test that its process was respawned (annotation, output line). */
  announce: (context: unknown, message: string) => Promise<void> | void
}

/** Ms a hook may take: our own timeouts bound every step, so the runner's must not cut in first. */
export function hookTimeout(definition: ProcessDefinition): number {
  const { startTimeout, stopTimeout, health } = definition.options
  return startTimeout + 2 * stopTimeout + (health?.kind === 'log' ? 0 : (health?.timeout ?? 0)) + 5_000
}

export function useProcessWith(definition: ProcessDefinition, hooks: RunnerHooks): ProcessHandle {
  const session = new Session(definition.options, hooks.file(), workerState())
  const timeout = hookTimeout(definition)
  hooks.beforeAll(async () => {
    try {
      await session.ensure({ name: undefined, retry: false })
    } catch {
      // Degraded: the session keeps the cause, and the first beforeEach throws it.
    }
  }, timeout)
  hooks.beforeEach(async function (this: unknown) {
    // Vitest passes the test context; Jest passes nothing to a hook that declares no parameter.
    // No parameter is declared: Vitest would read it as a fixture pattern.
    // biome-ignore lint/complexity/noArguments: see above
    const context: unknown = arguments[0]
    const note = await session.ensure(hooks.test(context))
    if (note) await hooks.announce(context, note)
  }, timeout)
  hooks.afterAll(() => session.stop(), definition.options.stopTimeout + 3_000)
  return session.handle
}
