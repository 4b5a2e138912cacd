import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { describeSchema } from '../src/describeSchema.js'
import { checkShape, defineOptions, SteadfastConfigError } from '../src/index.js'

const schema = z
  .object({
    mode: z.enum(['fail', 'warn']).default('fail'),
    count: z.number().int().nonnegative().optional(),
    ratio: z.number().min(0).lt(1).optional(),
    name: z.string().min(1).optional(),
    baseline: z.union([z.string().min(1), z.literal(false)]).default('base.json'),
    pattern: z.union([z.instanceof(RegExp), z.string()]).optional(),
    files: z.record(z.string().min(1), z.number().int()).optional(),
    budget: z.object({ max: z.number().optional() }).strict().default({}),
    loose: z.object({ a: z.boolean() }).optional(),
    rule: z
      .object({ code: z.string().optional() })
      .refine((r) => r.code !== undefined)
      .optional(),
  })
  .strict()
const shape = describeSchema(schema)

describe('checkShape', () => {
  test.each([
    [{}],
    [{ mode: 'warn', count: 0, ratio: 0.5, name: 'x' }],
    [{ baseline: false }],
    [{ files: { 'a.ts': 3 } }],
    [{ budget: { max: 2 } }],
    [{ loose: { a: true, extra: 1 } }],
  ])('resolves %j as the schema does', (input) => {
    expect(checkShape(shape, input)).toEqual({ ok: true, value: schema.parse(input) })
  })

  test.each([
    ['a bad enum value', { mode: 'sometimes' }],
    ['a fraction where an integer goes', { count: 1.5 }],
    ['a bound not kept', { ratio: 1 }],
    ['an empty string under min(1)', { name: '' }],
    ['an unknown key of a strict object', { nope: 1 }],
    ['a key given as undefined', { count: undefined }],
    ['NaN', { count: Number.NaN }],
  ])('leaves %s to the schema', (_what, input) => {
    expect(checkShape(shape, input)).toEqual({ ok: false })
  })

  test('leaves a union to the schema when an option before the fitting one is opaque', () => {
    // z.instanceof(RegExp) comes first: only the schema knows it does not take a string.
    expect(checkShape(shape, { pattern: 'x' })).toEqual({ ok: false })
    expect(checkShape(shape, { pattern: /x/ })).toEqual({ ok: false })
  })

  test('describes refinements, custom checks and non-JSON defaults as opaque', () => {
    expect(describeSchema(z.string().regex(/a/))).toEqual({ kind: 'opaque' })
    expect(describeSchema(z.instanceof(RegExp))).toEqual({ kind: 'opaque' })
    expect(describeSchema(z.object({ a: z.string() }).refine(() => true))).toEqual({ kind: 'opaque' })
    expect(describeSchema(z.instanceof(RegExp).default(/x/))).toEqual({ kind: 'opaque' })
    expect(checkShape(shape, { rule: { code: 'X' } })).toEqual({ ok: false })
  })
})

describe('defineOptions', () => {
  test('builds the schema only when the shape cannot decide', () => {
    let built = 0
    const options = defineOptions('@steadfast/example', shape, (zod) => {
      built++
      return zod.object({ mode: zod.enum(['fail', 'warn']).default('fail') }).passthrough()
    })
    expect(options.resolve({ mode: 'warn' }, {})).toMatchObject({ mode: 'warn', baseline: 'base.json' })
    expect(built).toBe(0)
    expect(() => options.resolve({ mode: 'never' }, {})).toThrow(SteadfastConfigError)
    expect(built).toBe(1)
  })

  test('reads STEADFAST_<PLUGIN>_<OPTION> by the shape, and a bad one through the schema, which names it', () => {
    let built = 0
    const options = defineOptions('@steadfast/example', shape, () => {
      built++
      return schema
    })
    // As the schema reads them: each by its option's type, not by its look.
    const env = {
      STEADFAST_EXAMPLE_MODE: 'warn',
      STEADFAST_EXAMPLE_COUNT: '12',
      STEADFAST_EXAMPLE_NAME: '2024',
    }
    expect(options.resolve({ mode: 'fail' }, env)).toEqual(
      schema.parse({ mode: 'warn', count: 12, name: '2024' }),
    )
    expect(options.resolve(undefined, { STEADFAST_EXAMPLE_BASELINE: 'false' })).toMatchObject({
      baseline: false,
    })
    expect(built).toBe(0)
    expect(() => options.resolve({}, { STEADFAST_EXAMPLE_MODE: 'never' })).toThrow(/STEADFAST_EXAMPLE_MODE/)
    expect(built).toBe(1)
  })

  test('takes options it resolved already as they are, and only its own', () => {
    const options = defineOptions('@steadfast/example', shape, () => schema)
    const other = defineOptions('@steadfast/other', shape, () => schema)
    const input = { mode: 'warn' as const }
    const resolved = options.resolve(input, {})
    // A fresh object, marked: the caller's own options are never changed.
    expect(resolved).not.toBe(input)
    expect(Object.getOwnPropertySymbols(input)).toEqual([])
    // Resolved again (the umbrella resolves, then calls the part's plugin with them): as it is,
    // overrides already applied, not read again.
    expect(options.resolve(resolved, { STEADFAST_EXAMPLE_MODE: 'fail' })).toBe(resolved)
    // The mark is not enumerable: it never reaches JSON or a comparison.
    expect(JSON.stringify(resolved)).not.toContain('example')
    expect(resolved).toEqual(schema.parse({ mode: 'warn' }))
    // Another part's definition judges it anew, and a copy is judged anew.
    expect(other.resolve(resolved, { STEADFAST_OTHER_MODE: 'fail' })).toMatchObject({ mode: 'fail' })
    expect(options.resolve({ ...resolved }, { STEADFAST_EXAMPLE_MODE: 'fail' })).toMatchObject({
      mode: 'fail',
    })
  })

  test("adds a part's variables of its own before the STEADFAST_<PLUGIN>_<OPTION> ones", () => {
    const options = defineOptions(
      '@steadfast/example',
      shape,
      () => schema,
      (input, env) => {
        if (env.EXAMPLE_LOUD === '1') input.mode = 'warn'
      },
    )
    const input = { count: 2 }
    expect(options.resolve(input, { EXAMPLE_LOUD: '1' })).toMatchObject({ mode: 'warn', count: 2 })
    expect(input).toEqual({ count: 2 })
    expect(options.resolve(undefined, { EXAMPLE_LOUD: '1', STEADFAST_EXAMPLE_MODE: 'fail' })).toMatchObject({
      mode: 'fail',
    })
    // Not an options object: the schema names it, whatever the variables say.
    expect(() => options.resolve([1] as never, { EXAMPLE_LOUD: '1' })).toThrow(/expected an options object/)
  })
})
