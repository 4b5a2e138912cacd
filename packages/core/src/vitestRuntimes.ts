// The parts' runtimes, installed by the umbrella's one setup file and loaded by Node itself. Vitest
// runs a setup file through its module runner, which asks the main process about every module the
// file imports, one round trip each, in turn; this module is not the setup file but what it imports
// from node_modules, so Vitest hands it to Node, and what it imports is loaded natively (once per
// worker): one round trip for all parts.
// Each runtime is the CommonJS build beside its ES module, loaded from core's V8 code cache: in the
// forks pool every test file is a new process, where nothing of ours would otherwise be compiled
// yet (docs/design/overhead.md).
import { existsSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { codeCachePending, requireWithCodeCache, saveCodeCache } from './codeCache.js'
import { type FileHooks, runAll } from './fileHooks.js'
import { guarded, guardedSync, partOfFile } from './ownFault.js'
import { VITEST_RUNTIMES_ENV } from './vitestConfig.js'
import { keepVitestSuiteModule } from './vitestSeam.js'

type Hook = (...args: unknown[]) => unknown
type Runtime = { installForFile(api: unknown, file: VitestFileHooks): void }
type VitestApi = {
  beforeAll(fn: () => unknown, timeout?: number): void
  afterAll(fn: () => unknown, timeout?: number): void
  TestRunner?: { getSuiteHooks?: unknown }
}

/**
 * The file-level hooks a runtime registers for its own work, gathered into one `beforeAll` and one
 * `afterAll` for every part: Vitest runs each hook it has inside a timeout timer and reads its
 * source for fixtures, in every file (docs/design/overhead.md).
 */
export type VitestFileHooks = FileHooks

/** Our hooks need no more than this; only the runner's own timeout is kept out. */
const HOOK_TIMEOUT = 600_000

let loaded: Array<[string, Runtime]> | undefined

/** Installs a part's runtime for the file; a fault of ours costs the part this file, never the file. */
function install(part: string, runtime: Runtime, vitest: VitestApi, file: VitestFileHooks): void {
  guardedSync(part, 'runtime', 'to install in this test file', () => runtime.installForFile(vitest, file))
}

/** The part's runtime: its CommonJS build through the code cache, or the ES module where there is none. */
async function load(path: string): Promise<Runtime> {
  const script = path.replace(/([\\/])dist[\\/]esm[\\/]/, '$1dist$1cjs$1')
  if (script !== path && existsSync(script)) return requireWithCodeCache(script) as Runtime
  return (await import(pathToFileURL(path).href)) as Runtime
}

/**
 * Installs every part's runtime for the test file being set up, in the order of the parts, each
 * loaded (the first time) before it is installed: the first part's hooks wrap the others'. Where
 * the code cache was missing, it is written once this first file has run. `suite` imports
 * `vitest/suite` from the setup file, where Vitest exports no runner class (3.2, 4.0).
 */
export async function installRuntimes(vitest: VitestApi, suite?: () => Promise<unknown>): Promise<void> {
  const before: Hook[] = []
  const after: Hook[] = []
  const file: VitestFileHooks = { beforeAll: (fn) => before.push(fn), afterAll: (fn) => after.push(fn) }
  if (loaded) for (const [part, runtime] of loaded) install(part, runtime, vitest, file)
  else {
    if (!vitest.TestRunner?.getSuiteHooks && suite)
      keepVitestSuiteModule(await suite().catch(() => undefined))
    const runtimes: Array<[string, Runtime]> = []
    for (const path of JSON.parse(process.env[VITEST_RUNTIMES_ENV] ?? '[]') as string[]) {
      const part = partOfFile(path)
      let runtime: Runtime | undefined
      await guarded(part, 'load', 'to load in this worker', async () => {
        runtime = await load(path)
      })
      if (!runtime) continue
      install(part, runtime, vitest, file)
      runtimes.push([part, runtime])
    }
    loaded = runtimes
    if (codeCachePending()) after.unshift(saveCodeCache)
  }
  // No parameter declared (Vitest reads a hook's parameters to find its fixtures): what Vitest
  // passes (3: the suite; 4 and 5: the context and the suite) goes on in `arguments`.
  if (before.length > 0)
    vitest.beforeAll(function (this: unknown) {
      // biome-ignore lint/complexity/noArguments: see above
      return runAll(this, before, arguments)
    }, HOOK_TIMEOUT)
  if (after.length > 0) {
    const lastFirst = after.reverse()
    vitest.afterAll(function (this: unknown) {
      // biome-ignore lint/complexity/noArguments: see above
      return runAll(this, lastFirst, arguments)
    }, HOOK_TIMEOUT)
  }
}
