// @steadfast-build: self-contained
// What the umbrella's Vitest setup file needs of core in every test file, and nothing more: the
// core barrel is 40 KB that a worker would compile for one function (docs/design/overhead.md).
// The umbrella's Jest reporter takes its code-cached loader too, for the parts' reporters, and
// core's jest-host its Jest half, once a worker.
export { codeCachePending, requireWithCodeCache, saveCodeCache } from './codeCache.js'
export { installJestRuntimes } from './jestRuntimes.js'
export { installRuntimes } from './vitestRuntimes.js'
