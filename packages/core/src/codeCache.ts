// Our worker runtimes, loaded from a V8 code cache. Vitest's default forks pool starts a process per
// test file, and every process compiles the runtimes anew, then compiles again each function the
// first time it runs: in a process that runs one file, no function of ours is ever warm. A code
// cache made after the first file has run holds the bytecode of all of it (docs/design/overhead.md).
// Only our own CommonJS files load this way; a cache that cannot be read, written or trusted costs
// the cache, never the run.
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import vm from 'node:vm'
import { pathHash, projectRoot } from './runDirectory.js'

/** Set to `0` to load the runtimes without the cache (`node_modules/.cache/steadfast/`). */
export const CODE_CACHE_ENV = 'STEADFAST_CODE_CACHE'

type Wrapper = (
  exports: unknown,
  require: NodeJS.Require,
  module: { exports: unknown },
  filename: string,
  dirname: string,
) => void

interface Loaded {
  exports: unknown
  script: vm.Script
  /** Where its cache goes, when none was there or V8 refused it; undefined once written. */
  pending?: string
}

interface State {
  modules: Map<string, Loaded>
  dir: string | undefined
  /** `@steadfast/*` specifiers resolved so far, by the folder they were required from. */
  resolved: Map<string, string>
}

const KEY = Symbol.for('steadfast.core.codeCache')
// A file of ours: the CommonJS build of a Steadfast package, in node_modules or the workspace.
const OURS = /[\\/](?:@steadfast[\\/][\w-]+|steadfast|packages[\\/][\w-]+)[\\/]dist[\\/]cjs[\\/][^\\/]+\.js$/

function state(): State {
  const holder = process as unknown as Record<symbol, State | undefined>
  holder[KEY] ??= { modules: new Map(), dir: cacheDirectory(), resolved: new Map() }
  return holder[KEY]
}

/**
 * `node_modules/.cache/steadfast/` of the project (where Babel, ESLint and others keep theirs: the
 * user's own, never committed), one folder per Node version and architecture. None without a
 * `node_modules` there, or with `STEADFAST_CODE_CACHE=0`.
 */
function cacheDirectory(): string | undefined {
  if (process.env[CODE_CACHE_ENV] === '0') return undefined
  const modules = join(projectRoot(), 'node_modules')
  try {
    if (!statSync(modules).isDirectory()) return undefined
  } catch {
    return undefined
  }
  return join(modules, '.cache', 'steadfast', `v8-${process.version}-${process.arch}`)
}

/**
 * The cache file of `filename` as it is now. Its size and modification time are in the name: V8
 * checks only a cache's length and flags against the source, so a changed file of the same length
 * must never meet the old cache.
 */
function cacheFile(dir: string, filename: string): string {
  const { size, mtimeMs } = statSync(filename)
  return join(dir, `${pathHash(filename).toString(16).padStart(8, '0')}-${size}-${Math.trunc(mtimeMs)}.bin`)
}

function readCache(file: string | undefined): Buffer | undefined {
  if (!file) return undefined
  try {
    return readFileSync(file)
  } catch {
    return undefined
  }
}

/**
 * `require(filename)` for a CommonJS file of ours, compiled with the code cache; what it requires
 * of ours (`@steadfast/*`, its own chunks) loads the same way, everything else through Node. One
 * instance a process, whichever copy of this module asks. Without a cache folder it is Node's own
 * `require`. The file must not call `import()`: a `vm.Script` has it only through an experimental
 * option that warns in the user's run (the build checks the runtimes for it).
 */
export function requireWithCodeCache(filename: string): unknown {
  const { modules, dir, resolved } = state()
  const known = modules.get(filename)
  if (known) return known.exports
  if (!dir || !OURS.test(filename)) return createRequire(filename)(filename)

  const source = readFileSync(filename, 'utf8')
  const file = cacheFile(dir, filename)
  const cachedData = readCache(file)
  // Node's own CommonJS wrapper, on the first line, so that line numbers stay the file's.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename,
    cachedData,
  })
  const module = { exports: {} as unknown }
  const loaded: Loaded = {
    exports: module.exports,
    script,
    pending: cachedData && !script.cachedDataRejected ? undefined : file,
  }
  // Before it runs: two files that require each other get the exports object, as in Node.
  modules.set(filename, loaded)
  // What a file of ours requires is mostly Node's builtins, its own chunks and other packages of
  // ours: each was a resolution through Node (package.json reads, a realpath), a good part of what
  // loading the Jest reporters cost the main process (docs/design/overhead.md). A chunk is named in
  // full by the build, beside the file; a package of ours resolves the same from every file of a
  // folder; Node's own require is made only for the rest.
  const folder = dirname(filename)
  let node: NodeJS.Require | undefined
  const nodeRequire = (): NodeJS.Require => {
    node ??= createRequire(filename)
    return node
  }
  const ours = (id: string): unknown => {
    if (id.startsWith('node:')) return process.getBuiltinModule?.(id) ?? nodeRequire()(id)
    if (id.startsWith('./') && id.endsWith('.js')) return requireWithCodeCache(join(folder, id))
    if (!id.startsWith('@steadfast/') && !id.startsWith('.')) return nodeRequire()(id)
    const key = `${folder}\0${id}`
    let path = resolved.get(key)
    if (path === undefined) {
      path = nodeRequire().resolve(id)
      resolved.set(key, path)
    }
    return OURS.test(path) ? requireWithCodeCache(path) : nodeRequire()(path)
  }
  const require = Object.defineProperties(ours, {
    resolve: { get: () => nodeRequire().resolve, enumerable: true },
    cache: { get: () => nodeRequire().cache, enumerable: true },
    main: { get: () => nodeRequire().main, enumerable: true },
    extensions: { get: () => nodeRequire().extensions, enumerable: true },
  }) as unknown as NodeJS.Require
  try {
    ;(script.runInThisContext() as Wrapper)(module.exports, require, module, filename, folder)
  } catch (error) {
    modules.delete(filename)
    throw error
  }
  loaded.exports = module.exports
  return module.exports
}

/** Whether a file loaded by `requireWithCodeCache` has no cache yet (or V8 refused it). */
export function codeCachePending(): boolean {
  for (const loaded of state().modules.values()) if (loaded.pending) return true
  return false
}

/**
 * Writes the caches that were missing: called once the first test file has run, so that they hold
 * every function it ran as well as the top level. Each file is written whole, then renamed into
 * place (workers that start together write the same cache); older caches of the same file go.
 * Never throws: a folder that cannot be written leaves the runtimes uncached, nothing more.
 */
export function saveCodeCache(): void {
  const { modules, dir } = state()
  if (!dir) return
  for (const loaded of modules.values()) {
    const file = loaded.pending
    if (!file) continue
    loaded.pending = undefined
    try {
      mkdirSync(dir, { recursive: true })
      const data = loaded.script.createCachedData()
      const temporary = `${file}.${process.pid}.tmp`
      const fd = openSync(temporary, 'w')
      try {
        writeSync(fd, data)
      } finally {
        closeSync(fd)
      }
      renameSync(temporary, file)
      const name = file.slice(dir.length + 1)
      const prefix = name.slice(0, name.indexOf('-') + 1)
      for (const other of readdirSync(dir))
        if (other.startsWith(prefix) && other !== name && !other.endsWith('.tmp'))
          rmSync(join(dir, other), { force: true })
    } catch {
      // An optimisation only: read-only, full or vanished folders leave this process uncached.
    }
  }
}
