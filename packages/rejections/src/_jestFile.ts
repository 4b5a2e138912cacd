// @steadfast-build: self-contained
// What @steadfast/rejections does for each Jest test file, loaded once a worker with the host's
// require (Jest's registry would evaluate it again for every file) and handed the file's sandbox
// global: its hooks, its console, jest-circus's state. The setup files that call it (the part's
// own `jest.ts`, the umbrella's one `jest-setup.ts`) are a few lines in the sandbox.
import { circusFullName, type JestFileHooks, jestNotice, OUR_HOOK, onJestTests } from '@steadfast/core'
import { hookOwner, type Owner } from './_context.js'
import { fileOwner, judgeFile, judgeTest, leaveModuleLoad, nextTurn, workerRuntime } from './_runtime.js'
import { withoutOurFrames } from './failure.js'
import { armAfterFile, disarmAfterFile } from './hang.js'

type Listener = (...args: unknown[]) => void
const EVENTS = ['unhandledRejection', 'uncaughtException', 'rejectionHandled'] as const
type Fn = ((...args: unknown[]) => unknown) & { [OUR_HOOK]?: true }
interface CircusTest {
  type: 'test'
  name: string
  fn: Fn
  parent: CircusBlock
  concurrent?: boolean
  errors: unknown[]
}
interface CircusHook {
  type: 'beforeAll' | 'afterAll' | 'beforeEach' | 'afterEach'
  fn: Fn
}
interface CircusBlock {
  type: 'describeBlock'
  name: string
  parent?: CircusBlock
  hooks: CircusHook[]
  children: Array<CircusBlock | CircusTest>
}
interface CircusState {
  rootDescribeBlock: CircusBlock
  currentlyRunningTest: CircusTest | null
  testPath?: string
  parentProcess?: NodeJS.Process
  /** Errors of afterAll hooks (and others no test owns), reported when the file ends. */
  unhandledErrors?: unknown[]
}
type HookFn = (fn: Fn) => void
interface JestGlobals {
  afterEach: HookFn
  expect: { getState(): { testPath?: string } }
}

/** Takes over the process listeners and wraps every test and hook of the file being set up. */
export function installForFile(sandbox: typeof globalThis, fileHooks: JestFileHooks): void {
  const runner = sandbox as unknown as JestGlobals
  // jest-circus's state: one object for the whole file, found by core once for every part.
  const circus = fileHooks.circus as CircusState | undefined

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
  const real = circus?.parentProcess ?? process
  const circusListeners = new Map(EVENTS.map((event) => [event, real.rawListeners(event) as Listener[]]))
  for (const [event, listeners] of circusListeners)
    for (const listener of listeners) real.off(event, listener)
  catcher.uninstall()
  catcher.install()
  // What a finished file leaves while this one runs goes to Jest, as it would without the plugin.
  runtime.forwardOrphan = (type, error, promise) => {
    for (const listener of circusListeners.get(type) ?? []) listener(error, promise)
  }

  // A test or hook enters its owner's async context as circus reads its function to call it, in
  // the same synchronous run as the call: nothing of ours stands between circus and the user's
  // function, so a stack the user's code captures (or throws) reads as it does without the plugin,
  // and circus still sees the function's own arity to pass `done`. Circus reads `fn` only there
  // (and in a check just before it), in Jest 29.7 and 30.5.
  const entering = new WeakSet<object>()
  function enterOnCall(target: { fn: Fn }, owner: () => Owner): void {
    if (entering.has(target)) return
    const fn = target.fn
    if (fn[OUR_HOOK]) return
    entering.add(target)
    Object.defineProperty(target, 'fn', {
      configurable: true,
      enumerable: true,
      get() {
        catcher.enter(owner())
        runtime.leaks?.nextTimerIsTheRunners()
        return fn
      },
      set(value: Fn) {
        entering.delete(target)
        Object.defineProperty(target, 'fn', { configurable: true, enumerable: true, writable: true, value })
      },
    })
  }

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
  function wrapConcurrent(test: CircusTest): Fn {
    const fn = test.fn
    if (fn[OUR_HOOK]) return fn
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

  const tests = new Map<CircusTest, Owner>()
  function testOwner(test: CircusTest): Owner {
    let owner = tests.get(test)
    if (!owner) {
      owner = { kind: 'test', file: file.file, name: circusFullName(test), ended: false }
      tests.set(test, owner)
    }
    return owner
  }

  // Has every test and hook enter its owner's async context as it is called (a concurrent test is
  // wrapped). It must happen in the root beforeAll: Jest 29 starts concurrent tests right after it.
  function walk(block: CircusBlock, state: CircusState): void {
    for (const hook of block.hooks) {
      if (entering.has(hook)) continue
      if (hook.type === 'beforeEach' || hook.type === 'afterEach') {
        const kind = hook.type
        enterOnCall(hook, () =>
          state.currentlyRunningTest
            ? hookOwner(testOwner(state.currentlyRunningTest), kind)
            : { ...file, name: kind },
        )
      } else {
        const name = block.parent ? `${hook.type} of "${block.name}"` : hook.type
        const owner: Owner = { kind: 'file', file: file.file, name, ended: false }
        enterOnCall(hook, () => owner)
      }
    }
    for (const child of block.children) {
      if (child.type !== 'test') walk(child, state)
      else if (child.concurrent) child.fn = wrapConcurrent(child)
      else enterOnCall(child, () => testOwner(child))
    }
  }

  // A test is judged when it ends, after its last afterEach: through circus's event handlers where
  // they can be reached (Jest 30), else by an afterEach of ours kept last among the root hooks.
  async function judgeEnded(test: CircusTest): Promise<void> {
    for (const entry of test.errors) for (const error of Array.isArray(entry) ? entry : [entry]) unwrap(error)
    const owner = tests.get(test)
    if (!owner || owner.ended) return
    const timedOut = test.errors.some((e) => /Exceeded timeout/i.test(String((e as Error)?.message ?? e)))
    const failure = await judgeTest(runtime, owner, timedOut)
    if (failure) throw failure
  }
  const followed = onJestTests('rejections', { afterTest: (test) => judgeEnded(test as CircusTest) }, sandbox)

  const ourAfterEach: Fn = async () => {
    const test = circus?.currentlyRunningTest
    if (test) await judgeEnded(test)
  }
  ourAfterEach[OUR_HOOK] = true
  if (!followed) runner.afterEach(ourAfterEach)

  const ourBeforeAll = async (): Promise<void> => {
    await leaveModuleLoad(runtime, file)
    if (!circus) return
    walk(circus.rootDescribeBlock, circus)
    // Jest 29: our afterEach was registered before the file's own; move it last so it sees what
    // the other root hooks leave. (Core runs the parts' afterAll after the file's own.)
    const hooks = circus.rootDescribeBlock.hooks
    // Read without the accessor: it would enter the hook's context here.
    const index = hooks.findIndex((h) => Object.getOwnPropertyDescriptor(h, 'fn')?.value === ourAfterEach)
    if (index !== -1) hooks.push(...hooks.splice(index, 1))
  }
  fileHooks.beforeAll(ourBeforeAll)

  fileHooks.afterAll(async () => {
    await nextTurn()
    for (const owner of tests.values()) owner.ended = true
    // Jest 29 keeps an afterAll's error there as [error, asyncError], as it does a test's.
    for (const entry of circus?.unhandledErrors ?? [])
      for (const error of Array.isArray(entry) ? entry : [entry]) unwrap(error)
    const error = judgeFile(runtime, file)
    catcher.uninstall()
    for (const [event, listeners] of circusListeners)
      for (const listener of listeners) real.on(event, listener)
    armAfterFile(runtime.options.hangTimeout)
    if (error) throw error
  })
}
