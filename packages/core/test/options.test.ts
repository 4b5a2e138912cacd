import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { isSteadfastError, parseOptions, SteadfastConfigError } from '../src/index.js'

const schema = z
  .object({
    mode: z.enum(['fail', 'warn']).default('fail'),
    leaks: z.enum(['off', 'warn', 'fail']).default('warn'),
    maxTotal: z.number().int().nonnegative().optional(),
    dir: z.string().optional(),
    strict: z.boolean().default(false),
    ignore: z.array(z.string()).default([]),
    budget: z
      .object({ perKind: z.number().int().nonnegative().default(10) })
      .strict()
      .default({ perKind: 10 }),
  })
  .strict()

function problems(input: unknown, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseOptions('rejections', schema, input, env)
  } catch (error) {
    if (error instanceof SteadfastConfigError) return error.problems
    throw error
  }
  return []
}

describe('parseOptions', () => {
  test('applies the defaults when no options are given', () => {
    expect(parseOptions('rejections', schema, undefined, {})).toEqual({
      mode: 'fail',
      leaks: 'warn',
      strict: false,
      ignore: [],
      budget: { perKind: 10 },
    })
  })

  test.each([
    [
      { leaks: 'sometimes' },
      'rejections option "leaks": expected one of "off" | "warn" | "fail", got "sometimes"',
    ],
    [{ maxTotal: 'ten' }, 'rejections option "maxTotal": expected number, got "ten"'],
    [
      { budget: { perKind: -1 } },
      'rejections option "budget.perKind": Too small: expected number to be >=0, got -1',
    ],
    [{ mdoe: 'warn' }, 'rejections option "(root)": unknown option "mdoe"'],
  ])('names the option path, the bad value and what was expected: %j', (input, message) => {
    expect(problems(input)).toEqual([message])
  })

  test('reports every bad option at once', () => {
    expect(problems({ mode: 1, leaks: 2 })).toHaveLength(2)
  })

  test('rejects something that is not an options object', () => {
    expect(problems('fail')).toEqual(['expected an options object, got "fail"'])
  })

  test('environment variables override options, and are named when they are wrong', () => {
    expect(
      parseOptions('rejections', schema, { mode: 'fail' }, { STEADFAST_REJECTIONS_MODE: 'warn' }).mode,
    ).toBe('warn')
    expect(parseOptions('rejections', schema, {}, { STEADFAST_REJECTIONS_MAX_TOTAL: '12' }).maxTotal).toBe(12)
    expect(problems({}, { STEADFAST_REJECTIONS_MAX_TOTAL: 'many' })).toEqual([
      'rejections option "maxTotal" (from STEADFAST_REJECTIONS_MAX_TOTAL): expected number, got "many"',
    ])
    expect(problems({}, { STEADFAST_REJECTIONS_LEAKS: 'loud' })).toEqual([
      'rejections option "leaks" (from STEADFAST_REJECTIONS_LEAKS): expected one of "off" | "warn" | "fail", got "loud"',
    ])
  })

  test("an environment variable is read as its option's type, not by its look", () => {
    const parsed = parseOptions(
      'rejections',
      schema,
      {},
      {
        STEADFAST_REJECTIONS_DIR: '2024',
        STEADFAST_REJECTIONS_STRICT: '1',
        STEADFAST_REJECTIONS_IGNORE: '["a","b"]',
      },
    )
    expect(parsed.dir).toBe('2024')
    expect(parsed.strict).toBe(true)
    expect(parsed.ignore).toEqual(['a', 'b'])
    expect(parseOptions('rejections', schema, {}, { STEADFAST_REJECTIONS_STRICT: '0' }).strict).toBe(false)
  })

  test('the error is a branded SteadfastConfigError with a stable code and the fix', () => {
    let caught: unknown
    try {
      parseOptions('rejections', schema, { leaks: 'x' }, {})
    } catch (error) {
      caught = error
    }
    expect(isSteadfastError(caught, 'STEADFAST_CONFIG')).toBe(true)
    expect((caught as Error).message).toMatch(/^Invalid rejections options:\n {2}- rejections option "leaks"/)
    expect((caught as Error).message).toMatch(/Fix the options passed to rejections/)
  })
})
