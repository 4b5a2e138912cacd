// The parts' Jest runtimes, installed for each test file from the host's side: core's jest-host
// entry (evaluated in every file's sandbox) hands the sandbox to this module, which is loaded once a
// worker with the host's require, so what it does for every file is compiled once.
import { hasCapability } from './capabilities.js'
import { codeCachePending, requireWithCodeCache, saveCodeCache } from './codeCache.js'
import { type FileHooks, OUR_HOOK, type OurHook, runAll } from './fileHooks.js'
import { circusState } from './jestCircus.js'
import { guardedSync, partOfFile } from './ownFault.js'

/** What a part's Jest runtime registers its file-level hooks with, and jest-circus's state. */
export interface JestFileHooks extends FileHooks {
  /** jest-circus's state for this file (found once for every part); undefined outside jest-circus. */
  readonly circus: unknown
}

/** A part's Jest runtime: what it does for each test file, given the file's sandbox global. */
export interface JestRuntime {
  installForFile(sandbox: typeof globalThis, file: JestFileHooks): void
}

type HookFn = (fn: OurHook) => void
type CircusHook = { type: string } & Record<string, unknown>
interface CircusHooks {
  rootDescribeBlock?: { hooks: CircusHook[] }
}

/**
 * Installs each part's Jest runtime (absolute paths, in the order of the parts) for the test file
 * being set up: the first part's hooks wrap the others'. Their file-level hooks run in one root
 * `beforeAll` (in the order registered) and one root `afterAll` (last registered first), which runs
 * after the file's own `afterAll` hooks, as the parts' do in Vitest. Where a runtime had no code cache
 * yet, it is written once this first file of the worker has run.
 */
export function installJestRuntimes(sandbox: typeof globalThis, files: readonly string[]): void {
  const before: OurHook[] = []
  const after: OurHook[] = []
  const circus = circusState<CircusHooks>(sandbox)
  const file: JestFileHooks = { beforeAll: (fn) => before.push(fn), afterAll: (fn) => after.push(fn), circus }
  for (const path of files) {
    // A fault of ours costs the part this file, never the file.
    guardedSync(partOfFile(path), 'runtime', 'to install in this test file', () =>
      (requireWithCodeCache(path) as JestRuntime).installForFile(sandbox, file),
    )
  }
  if (codeCachePending()) after.unshift(saveCodeCache)
  if (before.length === 0 && after.length === 0) return

  const runner = sandbox as unknown as { beforeAll: HookFn; afterAll: HookFn }
  const lastFirst = after.reverse()
  const ourAfterAll: OurHook = function (this: unknown) {
    return runAll(this, lastFirst, [])
  }
  ourAfterAll[OUR_HOOK] = true
  const ourBeforeAll: OurHook = function (this: unknown) {
    // Without circus's state (said once already), there is nothing to move.
    if (circus) runLast(circus.rootDescribeBlock?.hooks, ourAfterAll)
    return runAll(this, before, [])
  }
  ourBeforeAll[OUR_HOOK] = true
  runner.beforeAll(ourBeforeAll)
  if (lastFirst.length > 0) runner.afterAll(ourAfterAll)
}

/**
 * Has `ours`, a root `afterAll` registered before the test file loaded, run after the file's own.
 * jest-circus runs a block's `afterAll` hooks in the order they were registered, from a list it
 * makes before the block's `beforeAll` hooks run (Jest 29.7, 30.5): reordering `hooks` then is too
 * late, so the hooks' contents move instead, each along its hook object (its function, its
 * timeout, the stack an error of it is reported with), and ours goes into the last of them.
 */
function runLast(hooks: CircusHook[] | undefined, ours: OurHook): void {
  if (!hasCapability('jest.rootHooks', Array.isArray(hooks)) || !hooks) return
  const slots = hooks.filter((hook) => hook.type === 'afterAll')
  // Read without a getter: rejections may have made the file's hooks' `fn` an accessor.
  const index = slots.findIndex((hook) => Object.getOwnPropertyDescriptor(hook, 'fn')?.value === ours)
  if (index === -1 || index === slots.length - 1) return
  const contents = slots.map((hook) => Object.getOwnPropertyDescriptors(hook))
  const moved = [...contents.slice(0, index), ...contents.slice(index + 1), contents[index]]
  slots.forEach((hook, i) => {
    for (const key of Object.keys(hook)) delete hook[key]
    Object.defineProperties(hook, moved[i] as PropertyDescriptorMap)
  })
}
