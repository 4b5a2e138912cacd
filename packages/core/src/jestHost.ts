// @steadfast-build: self-contained
// What a Jest setup file of ours needs inside the test file's sandbox, and nothing more. Jest
// evaluates a setup file, and every module it requires, again for every test file, through its own
// module registry (docs/design/overhead.md): the parts' runtimes are loaded with the host's real
// require instead, once a worker, and handed the sandbox's globals.
import { hostCreateRequire } from './hostRequire.js'
import { JEST_RUNTIMES_ENV } from './jestRuntimesEnv.js'

export { codeDirOf } from './codeDir.js'
export { hostCreateRequire }

/** A part's Jest runtime: what it does for each test file, given the file's sandbox global. */
export interface JestRuntime {
  installForFile(sandbox: typeof globalThis): void
}

/**
 * Installs each part's Jest runtime for the test file being set up, in the order
 * `STEADFAST_JEST_RUNTIMES` lists them (the umbrella's `withSteadfast` sets it): the first part's
 * hooks wrap the others'. Each is loaded by the host's require, once a worker.
 */
export function installJestRuntimes(sandbox: typeof globalThis): void {
  const files = JSON.parse(process.env[JEST_RUNTIMES_ENV] || '[]') as string[]
  if (files.length === 0) return
  // Found once a file: it lists the sandbox global's symbols, which is slow.
  const host = hostCreateRequire()
  for (const file of files) install(host, sandbox, file)
}

/** Installs one part's Jest runtime, `file` (an absolute path), for the test file being set up. */
export function installJestRuntime(sandbox: typeof globalThis, file: string): void {
  install(hostCreateRequire(), sandbox, file)
}

function install(host: ReturnType<typeof hostCreateRequire>, sandbox: typeof globalThis, file: string): void {
  ;(host(file)(file) as JestRuntime).installForFile(sandbox)
}
