// @steadfast-build: self-contained
// The Vitest side of a worker. Installed from node_modules, Vitest loads it as an external module
// once per worker, while it evaluates the setup file again for every test file; the setup file
// calls `installForFile` each time.
import {
  OUR_HOOK,
  onVitestTests,
  runnerTimersOutside,
  takeOverVitestListeners,
  type VitestFileHooks,
  type VitestSuiteHooks,
  vitestFullName,
  vitestSuiteHooks,
} from '@steadfast/core'
import { hookOwner, type Owner, ownerStorage } from './_context.js'
import { fileOwner, judgeFile, judgeTest, leaveModuleLoad, workerRuntime } from './_runtime.js'
import { META_KEY } from './report.js'

type Task = {
  id: string
  name: string
  suite?: Task
  type?: string
  tasks?: Task[]
  filepath?: string
  result?: { errors?: Array<{ message?: string }> }
  meta?: Record<string, unknown>
}
type Hook = ((...args: unknown[]) => unknown) & { [OUR_HOOK]?: true }
type SuiteHooks = VitestSuiteHooks<Hook>

const runtime = workerRuntime()

const { catcher } = runtime

if (!catcher.installed()) {
  // Vitest reports unhandled errors only while its listener is the only one: core's seam takes its
  // listeners out, and we hand it the errors that belong to no file, so those still reach its report.
  runtime.forwardOrphan = takeOverVitestListeners()
  catcher.install()
}

/** The parts of `vitest` the setup uses, passed in so this module never imports `vitest` itself. */
export interface VitestApi {
  beforeAll: (fn: (...args: never[]) => unknown) => void
  afterAll: (fn: (...args: never[]) => unknown) => void
  beforeEach: (fn: (context: never) => unknown) => void
  afterEach: (fn: (context: never) => unknown) => void
  expect: { getState(): { testPath?: string } }
  /** Vitest ≥ 4.1: the default test runner's class. */
  TestRunner?: { prototype: object; getSuiteHooks?: (suite: Task) => SuiteHooks }
}

/**
 * Registers the hooks of one test file. Called by the setup file, once per file; `fileHooks` are
 * the umbrella's shared file-level hooks, Vitest's own when the part runs alone.
 */
export function installForFile(vitest: VitestApi, fileHooks: VitestFileHooks = vitest): void {
  const { afterEach, beforeEach, expect } = vitest
  const file = fileOwner(runtime, expect.getState().testPath ?? 'unknown file')
  runtime.currentFile = file
  // The runner's timeout timers are not the test's: no leak stack is taken for them.
  runnerTimersOutside((fn) => ownerStorage().exit(fn))
  // Entered at load, so what the test module creates while it loads is blamed on the file.
  catcher.enter(file)

  const tests = new Map<string, Owner>()

  // beforeAll and afterAll hooks run outside any test: give each its own owner, so what they create
  // is blamed on "beforeAll of <file>" rather than on whichever test ran last. A beforeEach or
  // afterEach run is judged with its test, and named as the hook.
  function ownerOf(kind: keyof SuiteHooks, suite: Task, args: unknown[]): Owner | undefined {
    if (kind === 'beforeEach' || kind === 'afterEach') {
      const task = (args[0] as { task?: Task } | undefined)?.task
      const test = task ? tests.get(task.id) : undefined
      return test ? hookOwner(test, kind) : undefined
    }
    const name = suite.suite ? `${kind} of "${vitestFullName(suite)}"` : kind
    return { kind: 'file', file: file.file, name, ended: false }
  }

  function wrapHooks(getHooks: (suite: Task) => SuiteHooks, suite: Task): void {
    const hooks = getHooks(suite)
    for (const kind of ['beforeAll', 'afterAll', 'beforeEach', 'afterEach'] as const) {
      const list = hooks[kind] ?? []
      list.forEach((hook, index) => {
        if (hook[OUR_HOOK]) return
        const wrapped: Hook = Object.assign(function (this: unknown, ...args: unknown[]) {
          const owner = ownerOf(kind, suite, args)
          return owner ? catcher.run(owner, () => hook.apply(this, args)) : hook.apply(this, args)
        }, hook)
        wrapped[OUR_HOOK] = true
        list[index] = wrapped
      })
    }
    for (const child of suite.tasks ?? []) if (child.type === 'suite') wrapHooks(getHooks, child)
  }

  const ourBeforeAll: Hook = async function () {
    // No declared parameters: Vitest 4 parses the first one as a fixture pattern. Vitest 3 passes
    // (suite), 4 and 5 pass (context, suite).
    // biome-ignore lint/complexity/noArguments: see above, a parameter list is not allowed here
    const suite = [...arguments].find((a): a is Task => typeof a === 'object' && a !== null && 'tasks' in a)
    await leaveModuleLoad(runtime, file)
    const getHooks = await vitestSuiteHooks<Task, Hook>(vitest)
    if (suite && getHooks) wrapHooks(getHooks, suite)
  }
  ourBeforeAll[OUR_HOOK] = true
  fileHooks.beforeAll(ourBeforeAll)

  const enterTest = (task: Task): void => {
    const owner: Owner = { kind: 'test', file: file.file, name: vitestFullName(task), ended: false }
    tests.set(task.id, owner)
    catcher.enter(owner)
  }
  const judge = async (task: Task): Promise<void> => {
    const owner = tests.get(task.id)
    if (!owner) return
    tests.delete(task.id)
    const timedOut = (task.result?.errors ?? []).some((e) => /timed out/i.test(e.message ?? ''))
    const error = await judgeTest(runtime, owner, timedOut)
    if (error) throw error
  }

  // On Vitest ≥ 4.1 with its own runner, each test is followed through the runner's task hooks
  // (entered before every beforeEach, judged after every afterEach, cleanup and onTestFinished).
  if (!onVitestTests(vitest, 'rejections', { beforeTest: enterTest, afterTest: judge })) {
    // No declared parameters: Vitest reads the first one as a fixture pattern, and `(context)`
    // fails every file that uses test.extend fixtures.
    const taskOf = (args: IArguments): Task => (args[0] as { task: Task }).task
    const enter: Hook = function () {
      // biome-ignore lint/complexity/noArguments: see above, a parameter list is not allowed here
      enterTest(taskOf(arguments))
    }
    const leave: Hook = function () {
      // biome-ignore lint/complexity/noArguments: see above, a parameter list is not allowed here
      return judge(taskOf(arguments))
    }
    enter[OUR_HOOK] = true
    leave[OUR_HOOK] = true
    beforeEach(enter)
    afterEach(leave)
  }

  const ourAfterAll: Hook = function () {
    const error = judgeFile(runtime, file)
    // Kept in the file's task meta too: Vitest's blob reports carry it to `--merge-reports`.
    // biome-ignore lint/complexity/noArguments: Vitest 3 passes (suite), 4 and 5 (context, suite)
    const suite = [...arguments].find((a): a is Task => typeof a === 'object' && a !== null && 'tasks' in a)
    if (suite) suite.meta = { ...suite.meta, [META_KEY]: runtime.artifact.ofFile(file.file) }
    if (error) throw error
  }
  ourAfterAll[OUR_HOOK] = true
  fileHooks.afterAll(ourAfterAll)
}
