import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { readBaseline } from '../src/baseline.js'

const dir = mkdtempSync(join(tmpdir(), 'steadfast-warnings-baseline-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0
const file = (data: unknown): string => {
  const path = join(dir, `baseline-${n++}.json`)
  writeFileSync(path, JSON.stringify(data))
  return path
}
const entry = (template: string, origin: string, count: number) => ({
  type: 'DeprecationWarning',
  code: 'DEP_X',
  template,
  origin,
  count,
})

describe('readBaseline', () => {
  test('reads a version 1 file, its entries that differ only in origin as one kind', () => {
    const read = readBaseline(
      file({
        kind: 'steadfast-warnings-baseline',
        version: 1,
        kinds: [
          entry('x is old', 'a.test.js', 2),
          entry('x is old', 'b.test.js', 3),
          entry('y', 'a.test.js', 1),
        ],
      }),
    )
    expect(read).toEqual({
      status: 'ok',
      entries: [
        { type: 'DeprecationWarning', code: 'DEP_X', template: 'x is old', count: 5 },
        { type: 'DeprecationWarning', code: 'DEP_X', template: 'y', count: 1 },
      ],
      migrated: { version: 1, entries: 3 },
    })
  })

  test('reads a version 2 file as it is', () => {
    const kinds = [{ type: 'console.warn', code: '', template: 'slow', count: 4 }]
    expect(readBaseline(file({ kind: 'steadfast-warnings-baseline', version: 2, kinds }))).toEqual({
      status: 'ok',
      entries: kinds,
    })
  })

  test.each([
    [
      'a newer version',
      { kind: 'steadfast-warnings-baseline', version: 3, kinds: [] },
      'it is of version 3, newer than this @steadfast/warnings reads (1 and 2): update @steadfast/warnings',
    ],
    [
      'no version',
      { kind: 'steadfast-warnings-baseline', kinds: [] },
      'it is not a @steadfast/warnings baseline (expected { "kind": "steadfast-warnings-baseline", "version": 2, "kinds": [...] })',
    ],
    [
      'an entry without a template',
      { kind: 'steadfast-warnings-baseline', version: 2, kinds: [{ type: 'A', code: '' }] },
      'kinds[0] lacks one of type, code, template (strings)',
    ],
  ])('names what is wrong with %s', (_what, data, reason) => {
    expect(readBaseline(file(data))).toEqual({ status: 'corrupt', reason })
  })
})
