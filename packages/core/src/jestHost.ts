// @steadfast-build: self-contained
// What a Jest setup file of ours needs inside the test file's sandbox, and nothing more. Jest
// evaluates a setup file, and every module it requires, again for every test file, through its own
// module registry (docs/design/overhead.md): the parts' runtimes are loaded outside it instead,
// once a worker, by core's code-cached loader (as in Vitest), and handed the sandbox's globals.
import { hostCreateRequire, jestParentProcess } from './hostRequire.js'
import { JEST_RUNTIMES_ENV } from './jestRuntimesEnv.js'

export { codeDirOf } from './codeDir.js'
export { hostCreateRequire }

/** What this entry takes of core's host-side code (its `worker` entry, loaded once a worker). */
interface Loader {
  installJestRuntimes(sandbox: typeof globalThis, files: readonly string[]): void
}

/**
 * Installs each part's Jest runtime for the test file being set up, in the order
 * `STEADFAST_JEST_RUNTIMES` lists them (the umbrella's `withSteadfast` sets it): the first part's
 * hooks wrap the others'. Each is loaded once a worker, from the code cache.
 */
export function installJestRuntimes(sandbox: typeof globalThis): void {
  const files = JSON.parse(process.env[JEST_RUNTIMES_ENV] || '[]') as string[]
  const first = files[0]
  if (first !== undefined) hostLoader(first).installJestRuntimes(sandbox, files)
}

/** Installs one part's Jest runtime, `file` (an absolute path), for the test file being set up. */
export function installJestRuntime(sandbox: typeof globalThis, file: string): void {
  hostLoader(file).installJestRuntimes(sandbox, [file])
}

/** Where the loaders found so far are kept, on Node's own process (see hostLoader). */
const LOADERS = Symbol.for('steadfast.core.jestLoaders')
type Holder = { [LOADERS]?: Map<string, Loader> }

/**
 * Core's host-side code as the host's require loads it, from beside `file` (a part depends on
 * core). Found once a worker: finding it (the host's require, a resolution) cost every file about
 * half as much again as the runtimes' own work there. It is kept on Node's own process, which Jest
 * copies into each later file's sandbox as its `process`, symbol-keyed properties by reference
 * (jest-util's createProcessObject, Jest 29.7 and 30.5); where a copy lacks it, it is found again.
 */
function hostLoader(file: string): Loader {
  const known = (process as Holder)[LOADERS]?.get(file)
  if (known) return known
  const real = jestParentProcess()
  const loader = hostCreateRequire(real)(file)('@steadfast/core/worker') as Loader
  const holder = (real ?? process) as Holder
  if (!holder[LOADERS]) Object.defineProperty(holder, LOADERS, { value: new Map(), configurable: true })
  holder[LOADERS]?.set(file, loader)
  return loader
}
