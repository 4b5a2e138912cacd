// The shapes the parts check their options against without zod (core's optionsShape.ts) are
// generated from their schemas and committed: this test writes them (`vitest -u`) and fails when a
// schema changed and its shape was not regenerated. It also holds the shapes to their promise: a
// value a shape accepts resolves exactly as the schema resolves it.
import { checkShape, type OptionsDefinition, type Shape } from '@steadfast/core'
import { perfOptions } from '@steadfast/perf'
import { rejectionsOptions } from '@steadfast/rejections'
import { respawnOptions } from '@steadfast/respawn'
import { warningsOptions } from '@steadfast/warnings'
import { describe, expect, test } from 'vitest'
import type { z } from 'zod'
// Not in core's barrel: only the generation of the shapes needs it.
import { describeSchema } from '../../core/src/describeSchema.js'

const PARTS: Array<[string, OptionsDefinition<z.ZodType>, string]> = [
  ['rejections', rejectionsOptions, '../../rejections/src/_optionsShape.ts'],
  ['warnings', warningsOptions, '../../warnings/src/_optionsShape.ts'],
  ['respawn', respawnOptions, '../../respawn/src/_pluginOptionsShape.ts'],
  ['perf', perfOptions, '../../perf/src/_optionsShape.ts'],
]

/** The generated module: the shape as a TypeScript constant. */
const shapeModule = (shape: Shape): string =>
  '// Generated from the options schema by packages/steadfast/test/options-shapes.test.ts (`vitest -u`\n' +
  '// writes it again): what core checks options against without loading zod. Do not edit.\n' +
  "import type { Shape } from '@steadfast/core'\n\n" +
  `export const shape: Shape = ${JSON.stringify(shape, null, 2)}\n`

describe.each(PARTS)('the %s options shape', (_name, definition, file) => {
  test('is the one generated from its schema', async () => {
    const shape = describeSchema(definition.schema())
    await expect(shapeModule(shape)).toMatchFileSnapshot(file)
    expect(definition.shape).toEqual(shape)
  })
})

/** Values to try at a place of `shape`: ones it accepts, ones next to them, and wrong types. */
function samples(shape: Shape, depth = 0): unknown[] {
  const wrong = ['x', 1, true, null, [], {}, /re/]
  switch (shape.kind) {
    case 'string':
      return ['x', '', 'steadfast.json', 7, undefined]
    case 'number':
      return [0, 1, -1, 1.5, 9, 10, 20, 3000, 0.999, Number.NaN, Number.POSITIVE_INFINITY, '1', undefined]
    case 'boolean':
      return [true, false, 'true', 0, undefined]
    case 'regexp':
      return [/re/, /^a$/i, 're', {}, undefined]
    case 'enum':
    case 'literal':
      return [...shape.values, 'nope', undefined]
    case 'array':
      return [[], ...samples(shape.element, depth + 1).map((value) => [value]), 'x', undefined]
    case 'record':
      return [{}, ...samples(shape.value, depth + 1).map((value) => ({ 'a.test.ts': value })), { '': 1 }, []]
    case 'object': {
      const out: unknown[] = [{}, { unknown: 1 }, [], 'x', undefined]
      if (depth > 2) return out
      const fields = Object.entries(shape.fields)
      for (const [key, field] of fields)
        for (const value of samples(field, depth + 1)) {
          out.push({ [key]: value })
          // Beside a key that satisfies the rule's "at least one of", and beside one that does not.
          for (const [other, otherField] of fields)
            if (other !== key && shape.requireOneOf?.includes(other))
              out.push(
                { [key]: value, [other]: samples(otherField, depth + 1)[0] },
                { [key]: value, [other]: undefined },
              )
        }
      return out
    }
    case 'optional':
    case 'default':
      return [undefined, ...samples(shape.inner, depth)]
    case 'union':
      return shape.options.flatMap((option) => samples(option, depth))
    default:
      return wrong
  }
}

describe.each(PARTS)('the %s options resolved without zod', (_name, definition) => {
  test('are what the schema makes of them, for every value the shape accepts', () => {
    const inputs = samples(definition.shape)
    // Pairs of options too: a default next to a given value.
    const singles = inputs.filter(
      (x): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x),
    )
    for (const a of singles.slice(0, 40)) for (const b of singles.slice(-40)) inputs.push({ ...a, ...b })
    let decided = 0
    for (const input of inputs) {
      const fast = checkShape(definition.shape, input ?? {})
      if (!fast.ok) continue
      decided++
      const slow = definition.schema().safeParse(input ?? {})
      expect(slow.success, JSON.stringify(input)).toBe(true)
      expect(fast.value, JSON.stringify(input)).toEqual(slow.data)
    }
    expect(decided).toBeGreaterThan(1)
  })

  test('decide no options at all without the schema', () => {
    expect(checkShape(definition.shape, {}).ok).toBe(true)
  })
})

test('the plain values of the docs are decided without the schema', () => {
  const plain: Array<[OptionsDefinition<z.ZodType>, unknown]> = [
    [
      rejectionsOptions,
      { leaks: 'fail', mode: 'warn', leakScope: 'file', hangTimeout: 0, ignore: ['ECONNRESET'] },
    ],
    [warningsOptions, { budget: { maxTotal: 100, files: { 'a.test.ts': 3 } }, baseline: false, top: 5 }],
    [respawnOptions, { dir: '.steadfast' }],
    [perfOptions, { strict: true, margin: 0.05, rounds: 40, html: false }],
  ]
  for (const [definition, input] of plain) {
    const fast = checkShape(definition.shape, input)
    expect(fast).toEqual({ ok: true, value: definition.schema().parse(input) })
  }
})

test('a RegExp and a rule object are decided without the schema, as it decides them', () => {
  for (const [definition, input] of [
    [rejectionsOptions, { ignore: [/ECONN/, { message: /reset/, origin: 'src/**' }] }],
    [warningsOptions, { ignore: [{ code: 'DEP0005' }, /punycode/], error: [{ type: 'DeprecationWarning' }] }],
  ] as const) {
    const fast = checkShape(definition.shape, input)
    expect(fast).toEqual({ ok: true, value: definition.schema().parse(input) })
  }
  // A rule that says nothing it matches is the schema's to word.
  expect(checkShape(rejectionsOptions.shape, { ignore: [{}] }).ok).toBe(false)
  expect(checkShape(warningsOptions.shape, { ignore: [{ message: undefined }] }).ok).toBe(false)
})
