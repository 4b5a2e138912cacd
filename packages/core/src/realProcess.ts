import { jestParentProcess } from './hostRequire.js'

let real: NodeJS.Process | undefined

/**
 * Node's own `process`. Jest gives each test file a copy with its own listeners (on which
 * `process.on('exit')` and friends never fire, and whose properties a package cannot use to keep
 * state across files); jest-circus keeps the real one as `parentProcess` in its state. Looked up
 * once per copy of the calling package, while a file runs: Jest soft-deletes a file's globals
 * afterwards and warns when they are read. Outside Jest it is `process`.
 */
export function realProcess(): NodeJS.Process {
  if (real) return real
  real = jestParentProcess() ?? process
  return real
}
