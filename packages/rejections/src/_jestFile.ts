// @steadfast-build: self-contained
// What @steadfast/rejections does for each Jest test file, loaded once a worker with the host's
// require (Jest's registry would evaluate it again for every file) and handed the file's sandbox
// global: its hooks, its console, jest-circus's state. The setup files that call it (the part's
// own `jest.ts`, the umbrella's one `jest-setup.ts`) are a few lines in the sandbox.
import {
  type CircusCall,
  type CircusTestCall,
  circusCurrentTest,
  circusFullName,
  circusUnhandledErrors,
  type JestFileHooks,
  jestNotice,
  OUR_HOOK,
  onCircusCalls,
  onJestTests,
  runRootHookLast,
  takeOverCircusListeners,
} from '@steadfast/core'
import { hookOwner, type Owner } from './_context.js'
import { fileOwner, judgeFile, judgeTest, leaveModuleLoad, nextTurn, workerRuntime } from './_runtime.js'
import { withoutOurFrames } from './failure.js'
import { armAfterFile, disarmAfterFile } from './hang.js'

const EVENTS = ['unhandledRejection', 'uncaughtException', 'rejectionHandled'] as const
type Fn = ((...args: unknown[]) => unknown) & { [OUR_HOOK]?: true }
type HookFn = (fn: Fn) => void
interface JestGlobals {
  afterEach: HookFn
  expect: { getState(): { testPath?: string } }
}

/** Takes over the process listeners and wraps every test and hook of the file being set up. */
export function installForFile(sandbox: typeof globalThis, fileHooks: JestFileHooks): void {
  const runner = sandbox as unknown as JestGlobals
  // jest-circus's state: one object for the whole file, found by core once for every part.
  const { circus } = fileHooks

  const runtime = workerRuntime()
  const { catcher } = runtime
  // In band, the previous file may have armed the hang report: the run goes on.
  disarmAfterFile()
  runtime.warn = jestNotice(sandbox.console)
  const file = fileOwner(runtime, runner.expect.getState().testPath ?? 'unknown file')
  runtime.currentFile = file

  // Circus put its own listeners on the real process at its 'setup' event, before this file runs.
  // Take over now, before the test module loads, so no error is reported twice; its listeners come
  // back in afterAll. Listeners the user adds from here on stay, and hear every error too.
  const circusListeners = takeOverCircusListeners(circus, EVENTS)
  catcher.uninstall()
  catcher.install()
  // What a finished file leaves while this one runs goes to Jest, as it would without the plugin.
  runtime.forwardOrphan = circusListeners.forward

  // A concurrent test's wrapper leaves its frames under the user's in what it throws, and Jest
  // prints every frame outside its own packages: take them out, so a failure reads as it does
  // without the plugin. Cheap where there are none (an error is looked at once).
  const unwrapped = new WeakSet<object>()
  function unwrap(error: unknown): void {
    if (typeof error !== 'object' || error === null || unwrapped.has(error)) return
    unwrapped.add(error)
    withoutOurFrames(error)
  }

  // Jest runs no beforeEach/afterEach around concurrent tests, so they are judged in their own
  // function, when it settles.
  function wrapConcurrent(test: CircusTestCall, fn: Fn): Fn {
    const wrapped: Fn = async function (this: unknown) {
      const owner = testOwner(test)
      let result: unknown
      try {
        result = await catcher.run(owner, () => fn.call(this))
      } catch (error) {
        const failure = await judgeTest(runtime, owner, false)
        if (failure) test.errors.push(failure)
        throw error
      }
      const failure = await judgeTest(runtime, owner, false)
      if (failure) throw failure
      return result
    }
    wrapped[OUR_HOOK] = true
    return wrapped
  }

  const tests = new Map<CircusTestCall, Owner>()
  function testOwner(test: CircusTestCall): Owner {
    let owner = tests.get(test)
    if (!owner) {
      owner = { kind: 'test', file: file.file, name: circusFullName(test), ended: false }
      tests.set(test, owner)
    }
    return owner
  }

  // Every test and hook enters its owner's async context as circus calls it (core's seam; a
  // concurrent test is wrapped). A beforeAll or afterAll gets an owner of its own, so what it
  // creates is blamed on "beforeAll of <block>" rather than on whichever test ran last.
  function enter(call: CircusCall): void {
    if (call.kind === 'test') catcher.enter(testOwner(call.test))
    else if (call.type === 'beforeEach' || call.type === 'afterEach')
      catcher.enter(call.test ? hookOwner(testOwner(call.test), call.type) : { ...file, name: call.type })
    else {
      const name = call.block === undefined ? call.type : `${call.type} of "${call.block}"`
      catcher.enter({ kind: 'file', file: file.file, name, ended: false })
    }
    runtime.leaks?.nextTimerIsTheRunners()
  }

  // A test is judged when it ends, after its last afterEach: through circus's event handlers where
  // they can be reached (Jest 30), else by an afterEach of ours kept last among the root hooks.
  async function judgeEnded(test: CircusTestCall): Promise<void> {
    for (const entry of test.errors) for (const error of Array.isArray(entry) ? entry : [entry]) unwrap(error)
    const owner = tests.get(test)
    if (!owner || owner.ended) return
    const timedOut = test.errors.some((e) => /Exceeded timeout/i.test(String((e as Error)?.message ?? e)))
    const failure = await judgeTest(runtime, owner, timedOut)
    if (failure) throw failure
  }
  const followed = onJestTests(
    'rejections',
    { afterTest: (test) => judgeEnded(test as CircusTestCall) },
    sandbox,
  )

  const ourAfterEach: Fn = async () => {
    const test = circusCurrentTest(circus)
    if (test) await judgeEnded(test as CircusTestCall)
  }
  ourAfterEach[OUR_HOOK] = true
  if (!followed) runner.afterEach(ourAfterEach)

  const ourBeforeAll = async (): Promise<void> => {
    await leaveModuleLoad(runtime, file)
    if (!circus) return
    onCircusCalls(circus, { enter, concurrent: wrapConcurrent })
    // Jest 29: our afterEach was registered before the file's own; move it last so it sees what
    // the other root hooks leave. (Core runs the parts' afterAll after the file's own.)
    if (!followed) runRootHookLast(circus, ourAfterEach)
  }
  fileHooks.beforeAll(ourBeforeAll)

  fileHooks.afterAll(async () => {
    await nextTurn()
    for (const owner of tests.values()) owner.ended = true
    // Jest 29 keeps an afterAll's error there as [error, asyncError], as it does a test's.
    for (const entry of circusUnhandledErrors(circus))
      for (const error of Array.isArray(entry) ? entry : [entry]) unwrap(error)
    const error = judgeFile(runtime, file)
    catcher.uninstall()
    circusListeners.restore()
    armAfterFile(runtime.options.hangTimeout)
    if (error) throw error
  })
}
