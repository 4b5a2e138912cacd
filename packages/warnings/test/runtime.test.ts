import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { handToWorkers } from '@steadfast/core'
import { afterAll, expect, test } from 'vitest'
import { PART } from '../src/_resolved.js'
import { processRuntime } from '../src/_runtime.js'
import { resolveWarningsOptions } from '../src/options.js'
import { MAX_KINDS } from '../src/store.js'

const root = mkdtempSync(join(tmpdir(), 'steadfast-warnings-runtime-'))
handToWorkers(PART, resolveWarningsOptions({ live: false }, {}))
const runtime = processRuntime(root)
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** One call site for every warning of the test, so they differ only in message and type. */
const here = (): Error => new Error('warned here')
/** Two more call sites, on lines of their own. */
const fromFirstSite = (): Error => new Error('first site')
const fromSecondSite = (): Error => new Error('second site')
const words = (i: number): string => i.toString(26).replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)] ?? 'q')

test('counts repeats exactly across files and tests, and bounds the kinds it keeps', () => {
  runtime.file = 'a.test.js'
  runtime.test = 'first'
  for (let i = 0; i < 500; i++) runtime.sink('CustomWarning', '', `item ${i} is old`, here(), false)
  runtime.test = 'second'
  for (let i = 0; i < 300; i++) runtime.sink('CustomWarning', '', `item ${i} is old`, here(), false)
  runtime.file = 'b.test.js'
  runtime.test = undefined
  for (let i = 0; i < 200; i++) runtime.sink('CustomWarning', '', `item ${i} is old`, here(), false)
  // Far more kinds than a store keeps: the rest go to one overflow kind, nothing grows.
  for (let i = 0; i < MAX_KINDS + 500; i++) runtime.sink('KindWarning', '', `kind ${words(i)}`, here(), false)
  runtime.flush()
  const { total, kinds, files } = runtime.store.snapshot()
  expect(total).toBe(1000 + MAX_KINDS + 500)
  expect(files).toEqual({ 'a.test.js': 800, 'b.test.js': 200 + MAX_KINDS + 500 })
  const items = kinds.filter((k) => k.type === 'CustomWarning')
  expect(items).toHaveLength(1)
  expect(items[0]).toMatchObject({
    template: 'item <n> is old',
    count: 1000,
    files: { 'a.test.js': 800, 'b.test.js': 200 },
    tests: { 'a.test.js > first': 500, 'a.test.js > second': 300 },
  })
  expect(kinds.length).toBeLessThanOrEqual(MAX_KINDS + 1)
  expect(kinds.find((k) => k.key === '(overflow)')?.count).toBeGreaterThan(0)
})

test('counts one warning from several call sites as one kind, with each site counted', () => {
  runtime.file = 'c.test.js'
  for (let i = 0; i < 30; i++)
    runtime.sink(
      'CustomWarning',
      '',
      `item ${i} is old`,
      i % 3 === 0 ? fromFirstSite() : fromSecondSite(),
      false,
    )
  runtime.file = undefined
  runtime.flush()
  const kinds = runtime.store.snapshot().kinds.filter((k) => k.type === 'CustomWarning')
  expect(kinds).toHaveLength(1)
  const origins = kinds[0]?.origins ?? {}
  const sites = Object.keys(origins).filter((origin) => origins[origin] !== 1000)
  expect(sites.map((site) => origins[site])).toEqual([10, 20])
  for (const site of sites) expect(site).toMatch(/runtime\.test\.ts:\d+$/)
  expect(kinds[0]?.count).toBe(1030)
})
