import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Script } from 'node:vm'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { CODE_CACHE_ENV, codeCachePending, requireWithCodeCache, saveCodeCache } from '../src/codeCache.js'

// Each test is a new "process" for the loader: its state lives on `process` under this key.
const KEY = Symbol.for('steadfast.core.codeCache')
const freshProcess = () => delete (process as unknown as Record<symbol, unknown>)[KEY]

let root: string
let dist: string
const saved = { root: process.env.STEADFAST_ROOT, cache: process.env[CODE_CACHE_ENV] }

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'steadfast-code-cache-'))
  dist = join(root, 'node_modules', '@steadfast', 'demo', 'dist', 'cjs')
  mkdirSync(dist, { recursive: true })
  // A runtime that requires a sibling of ours and a package that is not ours.
  writeFileSync(
    join(dist, 'runtime.js'),
    [
      "const { twice } = require('./helper.js')",
      "const { sep } = require('node:path')",
      'exports.answer = twice(21)',
      'exports.sep = sep',
      "exports.fail = () => { throw new Error('from the runtime') }",
      '',
    ].join('\n'),
  )
  writeFileSync(join(dist, 'helper.js'), 'exports.twice = (n) => n * 2\n')
  process.env.STEADFAST_ROOT = root
  delete process.env[CODE_CACHE_ENV]
  freshProcess()
})

afterEach(() => {
  freshProcess()
  for (const [name, value] of [
    ['STEADFAST_ROOT', saved.root],
    [CODE_CACHE_ENV, saved.cache],
  ] as const) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  rmSync(root, { recursive: true, force: true })
})

const cacheDir = () =>
  join(root, 'node_modules', '.cache', 'steadfast', `v8-${process.version}-${process.arch}`)
const caches = () => readdirSync(cacheDir()).sort()
type Runtime = { answer: number; sep: string; fail: () => never }
const load = () => requireWithCodeCache(join(dist, 'runtime.js')) as Runtime

describe('requireWithCodeCache', () => {
  test('loads a file of ours and what it requires, writes their caches once asked, and the next process uses them', () => {
    const first = load()
    expect(first.answer).toBe(42)
    expect(first.sep).toBe('/')
    expect(load()).toBe(first)
    expect(codeCachePending()).toBe(true)
    saveCodeCache()
    expect(codeCachePending()).toBe(false)
    expect(caches()).toHaveLength(2)

    freshProcess()
    const second = load()
    expect(second).not.toBe(first)
    expect(second.answer).toBe(42)
    expect(codeCachePending()).toBe(false)
    // V8 keeps what this process compiled and would not even read a cache for the same file again:
    // a script of another name must accept each written cache for its source.
    for (const name of ['runtime.js', 'helper.js']) {
      const code = `(function (exports, require, module, __filename, __dirname) {${readFileSync(join(dist, name), 'utf8')}\n})`
      const accepted = caches().filter(
        (file) =>
          !new Script(code, {
            filename: `check-${name}-${file}`,
            cachedData: readFileSync(join(cacheDir(), file)),
          }).cachedDataRejected,
      )
      expect(accepted, name).toHaveLength(1)
    }
  })

  test("keeps the file's line numbers in stacks", () => {
    const { fail } = load()
    expect(() => fail()).toThrow('from the runtime')
    try {
      fail()
    } catch (error) {
      expect((error as Error).stack).toContain(`${join(dist, 'runtime.js')}:5:`)
    }
  })

  test('a corrupt cache is refused by V8 and written anew; the run never sees it', () => {
    load()
    saveCodeCache()
    for (const file of caches()) writeFileSync(join(cacheDir(), file), 'not a code cache')
    // The same name and key, another text: V8 must read the cache, not reuse what it compiled.
    for (const [name, from, to] of [
      ['runtime.js', 'twice(21)', 'twice(20)'],
      ['helper.js', 'n * 2', 'n + n'],
    ] as const) {
      const file = join(dist, name)
      const { atime, mtime } = statSync(file)
      writeFileSync(file, readFileSync(file, 'utf8').replace(from, to))
      utimesSync(file, atime, mtime)
    }

    freshProcess()
    expect(load().answer).toBe(40)
    expect(codeCachePending()).toBe(true)
    saveCodeCache()
    for (const file of caches())
      expect(readFileSync(join(cacheDir(), file), 'utf8')).not.toBe('not a code cache')
  })

  test('a changed file never meets the cache of its old content, even at the same length', () => {
    load()
    saveCodeCache()
    const before = caches()
    writeFileSync(join(dist, 'helper.js'), 'exports.twice = (n) => n * 3\n')
    const later = new Date(Date.now() + 60_000)
    utimesSync(join(dist, 'helper.js'), later, later)

    freshProcess()
    expect(load().answer).toBe(63)
    expect(codeCachePending()).toBe(true)
    saveCodeCache()
    // The helper's old cache is replaced, the runtime's kept.
    const after = caches()
    expect(after).toHaveLength(2)
    expect(after.filter((file) => before.includes(file))).toHaveLength(1)
  })

  test('a cache folder that cannot be written costs the cache, not the run', () => {
    mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true })
    writeFileSync(join(root, 'node_modules', '.cache', 'steadfast'), 'a file where the folder would go')
    expect(load().answer).toBe(42)
    expect(() => saveCodeCache()).not.toThrow()
    expect(codeCachePending()).toBe(false)
  })

  test(`${CODE_CACHE_ENV}=0, no node_modules, or a file not ours: Node's own require`, () => {
    process.env[CODE_CACHE_ENV] = '0'
    const file = join(dist, 'runtime.js')
    expect((requireWithCodeCache(file) as Runtime).answer).toBe(42)
    expect(createRequire(file).cache[file]).toBeDefined()
    expect(codeCachePending()).toBe(false)

    delete process.env[CODE_CACHE_ENV]
    freshProcess()
    const bare = mkdtempSync(join(tmpdir(), 'steadfast-no-modules-'))
    try {
      process.env.STEADFAST_ROOT = bare
      const other = join(dist, 'other.js')
      writeFileSync(other, 'exports.ok = true\n')
      expect((requireWithCodeCache(other) as { ok: boolean }).ok).toBe(true)
      expect(createRequire(other).cache[other]).toBeDefined()
    } finally {
      process.env.STEADFAST_ROOT = root
      rmSync(bare, { recursive: true, force: true })
    }

    freshProcess()
    const elsewhere = join(root, 'lib.js')
    writeFileSync(elsewhere, 'exports.ok = true\n')
    expect((requireWithCodeCache(elsewhere) as { ok: boolean }).ok).toBe(true)
    expect(createRequire(elsewhere).cache[elsewhere]).toBeDefined()
  })
})
