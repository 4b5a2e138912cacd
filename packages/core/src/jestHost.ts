// @steadfast-build: self-contained
// What a Jest setup file of ours needs inside the test file's sandbox, and nothing more. Jest
// evaluates a setup file, and every module it requires, again for every test file, through its own
// module registry (docs/design/overhead.md): the parts' runtimes are loaded outside it instead,
// once a worker, by core's code-cached loader (as in Vitest), and handed the sandbox's globals.
import { hostCreateRequire } from './hostRequire.js'
import { JEST_RUNTIMES_ENV } from './jestRuntimesEnv.js'

export { codeDirOf } from './codeDir.js'
export { hostCreateRequire }

/** A part's Jest runtime: what it does for each test file, given the file's sandbox global. */
export interface JestRuntime {
  installForFile(sandbox: typeof globalThis): void
}

/** What this entry takes of core's code-cached loader (its `worker` entry). */
interface Loader {
  requireWithCodeCache(filename: string): unknown
  codeCachePending(): boolean
  saveCodeCache(): void
}

/**
 * Installs each part's Jest runtime for the test file being set up, in the order
 * `STEADFAST_JEST_RUNTIMES` lists them (the umbrella's `withSteadfast` sets it): the first part's
 * hooks wrap the others'. Each is loaded once a worker, from the code cache.
 */
export function installJestRuntimes(sandbox: typeof globalThis): void {
  const files = JSON.parse(process.env[JEST_RUNTIMES_ENV] || '[]') as string[]
  const first = files[0]
  if (first === undefined) return
  // Found once a file: it lists the sandbox global's symbols, which is slow.
  const loader = hostLoader(first)
  for (const file of files) install(loader, sandbox, file)
  saveAfterFile(loader, sandbox)
}

/** Installs one part's Jest runtime, `file` (an absolute path), for the test file being set up. */
export function installJestRuntime(sandbox: typeof globalThis, file: string): void {
  const loader = hostLoader(file)
  install(loader, sandbox, file)
  saveAfterFile(loader, sandbox)
}

/** Core's loader as the host's require loads it, from beside `file` (a part depends on core). */
function hostLoader(file: string): Loader {
  return hostCreateRequire()(file)('@steadfast/core/worker') as Loader
}

function install(loader: Loader, sandbox: typeof globalThis, file: string): void {
  ;(loader.requireWithCodeCache(file) as JestRuntime).installForFile(sandbox)
}

/**
 * Where a runtime had no cache yet (or V8 refused it), writes it once this first file of the worker
 * has run, so that it holds every function the file ran. Jest in band runs the files in its main
 * process, where the umbrella's reporter writes it at the end of the run as well.
 */
function saveAfterFile(loader: Loader, sandbox: typeof globalThis): void {
  if (!loader.codeCachePending()) return
  const { afterAll } = sandbox as { afterAll?: (fn: () => void) => void }
  if (typeof afterAll === 'function') afterAll(() => loader.saveCodeCache())
}
