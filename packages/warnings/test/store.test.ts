import { describe, expect, test } from 'vitest'
import type { WarningKind } from '../src/kind.js'
import { MAX_KINDS, MAX_PLACES, WarningStore } from '../src/store.js'

const make = (key: string) => (): WarningKind => ({
  key,
  type: 'CustomWarning',
  code: '',
  template: key,
  message: key,
  origin: 'a.js:1:1',
  place: 'a.js',
  count: 0,
  files: {},
  tests: {},
  error: false,
})

describe('WarningStore', () => {
  test('counts per kind, file and test', () => {
    const store = new WarningStore()
    const a = store.kind('a', make('a'))
    store.count(a, 'x.test.js', 'x.test.js > one')
    store.count(a, 'x.test.js', 'x.test.js > one')
    store.count(a, 'y.test.js', undefined)
    expect(store.total).toBe(3)
    expect(a).toMatchObject({
      count: 3,
      files: { 'x.test.js': 2, 'y.test.js': 1 },
      tests: { 'x.test.js > one': 2 },
    })
    expect(Object.fromEntries(store.files)).toEqual({ 'x.test.js': 2, 'y.test.js': 1 })
  })

  test('keeps at most MAX_PLACES files per kind, counting the rest together', () => {
    const store = new WarningStore()
    const a = store.kind('a', make('a'))
    for (let i = 0; i < MAX_PLACES + 10; i++) store.count(a, `f${i}.test.js`, undefined)
    expect(Object.keys(a.files)).toHaveLength(MAX_PLACES + 1)
    expect(a.files['(other files)']).toBe(10)
    expect(a.count).toBe(MAX_PLACES + 10)
  })

  test('keeps at most MAX_KINDS kinds; the rest land in one overflow kind', () => {
    const store = new WarningStore()
    for (let i = 0; i < MAX_KINDS + 50; i++)
      store.count(store.kind(`k${i}`, make(`k${i}`)), 'a.test.js', undefined)
    expect(store.kinds.size).toBe(MAX_KINDS + 1)
    expect(store.kinds.get('(overflow)')?.count).toBe(50)
    expect(store.total).toBe(MAX_KINDS + 50)
  })

  test('merges snapshots by kind, summing every count', () => {
    const one = new WarningStore()
    one.count(one.kind('a', make('a')), 'x.test.js', 'x.test.js > t')
    one.ignored = 2
    const two = new WarningStore()
    two.count(two.kind('a', make('a')), 'y.test.js', undefined, 4)
    two.count(two.kind('b', make('b')), 'y.test.js', undefined)
    const merged = new WarningStore()
    merged.merge(one.snapshot())
    merged.merge(two.snapshot())
    expect(merged.total).toBe(6)
    expect(merged.ignored).toBe(2)
    expect(merged.kinds.get('a')).toMatchObject({ count: 5, files: { 'x.test.js': 1, 'y.test.js': 4 } })
    expect(Object.fromEntries(merged.files)).toEqual({ 'x.test.js': 1, 'y.test.js': 5 })
  })
})
