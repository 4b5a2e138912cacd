import { describe, expect, test } from 'vitest'
import type { WarningKind } from '../src/kind.js'
import { MAX_KINDS, MAX_PLACES, WarningStore } from '../src/store.js'

const make = (key: string) => (): WarningKind => ({
  key: `CustomWarning\u0000\u0000${key}`,
  type: 'CustomWarning',
  code: '',
  template: key,
  message: key,
  origin: 'a.js:1:1',
  origins: {},
  count: 0,
  files: {},
  tests: {},
  error: false,
})

describe('WarningStore', () => {
  test('counts per kind, origin, file and test', () => {
    const store = new WarningStore()
    const a = store.kind('a', make('a'))
    store.count(a, 'a.js:1', 'x.test.js', 'x.test.js > one')
    store.count(a, 'a.js:1', 'x.test.js', 'x.test.js > one')
    store.count(a, 'b.js:7', 'y.test.js', undefined)
    expect(store.total).toBe(3)
    expect(a).toMatchObject({
      count: 3,
      origins: { 'a.js:1': 2, 'b.js:7': 1 },
      files: { 'x.test.js': 2, 'y.test.js': 1 },
      tests: { 'x.test.js > one': 2 },
    })
    expect(Object.fromEntries(store.files)).toEqual({ 'x.test.js': 2, 'y.test.js': 1 })
  })

  test('keeps at most MAX_PLACES origins and files per kind, counting the rest together', () => {
    const store = new WarningStore()
    const a = store.kind('a', make('a'))
    for (let i = 0; i < MAX_PLACES + 10; i++) store.count(a, `src/f${i}.js:1`, `f${i}.test.js`, undefined)
    expect(Object.keys(a.files)).toHaveLength(MAX_PLACES + 1)
    expect(a.files['(other files)']).toBe(10)
    expect(Object.keys(a.origins)).toHaveLength(MAX_PLACES + 1)
    expect(a.origins['(other places)']).toBe(10)
    expect(a.count).toBe(MAX_PLACES + 10)
  })

  test('keeps at most MAX_KINDS kinds; the rest land in one overflow kind', () => {
    const store = new WarningStore()
    for (let i = 0; i < MAX_KINDS + 50; i++)
      store.count(store.kind(`k${i}`, make(`k${i}`)), 'a.js:1', 'a.test.js', undefined)
    expect(store.kinds.size).toBe(MAX_KINDS + 1)
    expect(store.kinds.get('(overflow)')?.count).toBe(50)
    expect(store.total).toBe(MAX_KINDS + 50)
  })

  test('merges snapshots by kind, summing every count', () => {
    const one = new WarningStore()
    one.count(one.kind('a', make('a')), 'a.js:1', 'x.test.js', 'x.test.js > t')
    one.ignored = 2
    const two = new WarningStore()
    two.count(two.kind('a', make('a')), 'b.js:2', 'y.test.js', undefined, 4)
    two.count(two.kind('b', make('b')), 'b.js:2', 'y.test.js', undefined)
    const merged = new WarningStore()
    merged.merge(one.snapshot())
    merged.merge(two.snapshot())
    expect(merged.total).toBe(6)
    expect(merged.ignored).toBe(2)
    expect(merged.kinds.get('CustomWarning\u0000\u0000a')).toMatchObject({
      count: 5,
      origins: { 'a.js:1': 1, 'b.js:2': 4 },
      files: { 'x.test.js': 1, 'y.test.js': 4 },
    })
    expect(Object.fromEntries(merged.files)).toEqual({ 'x.test.js': 1, 'y.test.js': 5 })
  })

  test('merges the per-origin kinds of a version 1 artifact into one kind per template', () => {
    const old = (origin: string, count: number) => ({
      key: `DeprecationWarning\u0000DEP_X\u0000x is old\u0000${origin.replace(/:\d+$/, '')}`,
      type: 'DeprecationWarning',
      code: 'DEP_X',
      template: 'x is old',
      message: 'x is old',
      origin,
      place: origin.replace(/:.*/, ''),
      count,
      files: { 'a.test.js': count },
      tests: {},
      error: false,
    })
    const merged = new WarningStore()
    // Shaped as a version 1 file: no `origins`, a `place`, the origin in the key.
    merged.merge({
      total: 5,
      ignored: 0,
      kinds: [old('a.test.js:3:9', 2), old('b.test.js:4:9', 3)] as unknown as WarningKind[],
      files: { 'a.test.js': 5 },
    })
    expect([...merged.kinds.values()]).toEqual([
      {
        key: 'DeprecationWarning\u0000DEP_X\u0000x is old',
        type: 'DeprecationWarning',
        code: 'DEP_X',
        template: 'x is old',
        message: 'x is old',
        origin: 'a.test.js:3:9',
        origins: { 'a.test.js:3': 2, 'b.test.js:4': 3 },
        count: 5,
        files: { 'a.test.js': 5 },
        tests: {},
        error: false,
      },
    ])
  })

  test("gives a followed file's snapshot that file's own origins of each kind", () => {
    const store = new WarningStore()
    const a = store.kind('a', make('a'))
    store.count(a, 'shared.js:1', 'one.test.js', 'one.test.js > t', 3)
    store.followFile('two.test.js')
    store.count(a, 'shared.js:1', 'two.test.js', 'two.test.js > t', 2)
    store.count(a, 'two.test.js:5', 'two.test.js', undefined, 1)
    const snapshot = store.ofFile('two.test.js', 0)
    expect(snapshot.total).toBe(3)
    expect(snapshot.kinds).toHaveLength(1)
    expect(snapshot.kinds[0]).toMatchObject({
      count: 3,
      origins: { 'shared.js:1': 2, 'two.test.js:5': 1 },
      files: { 'two.test.js': 3 },
      tests: { 'two.test.js > t': 2 },
    })
    // The store's own kind still spans both files.
    expect(a.origins).toEqual({ 'shared.js:1': 5, 'two.test.js:5': 1 })
  })
})
