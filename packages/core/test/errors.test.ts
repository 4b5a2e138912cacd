import { runInNewContext } from 'node:vm'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { isSteadfastError, SteadfastError } from '../src/errors.js'

const BRAND = Symbol.for('steadfast.error')

afterEach(() => {
  vi.resetModules()
})

describe('SteadfastError', () => {
  test('carries its code, message, name and cause', () => {
    const cause = new Error('disk full')
    const error = new SteadfastError('STEADFAST_TEST', 'could not write the report', { cause })
    expect(error).toBeInstanceOf(Error)
    expect({ name: error.name, code: error.code, message: error.message, cause: error.cause }).toEqual({
      name: 'SteadfastError',
      code: 'STEADFAST_TEST',
      message: 'could not write the report',
      cause,
    })
  })

  test('has no cause when none is given', () => {
    expect('cause' in new SteadfastError('STEADFAST_TEST', 'x')).toBe(false)
  })

  test('carries the registry-wide brand', () => {
    expect(Reflect.get(new SteadfastError('STEADFAST_TEST', 'x'), BRAND)).toBe(true)
  })
})

describe('isSteadfastError', () => {
  test('recognises an instance, with or without a code to match', () => {
    const error = new SteadfastError('STEADFAST_TEST', 'x')
    expect([isSteadfastError(error), isSteadfastError(error, 'STEADFAST_TEST')]).toEqual([true, true])
  })

  test('rejects an instance whose code differs from the one asked for', () => {
    expect(isSteadfastError(new SteadfastError('STEADFAST_TEST', 'x'), 'STEADFAST_OTHER')).toBe(false)
  })

  test('recognises an error made by another copy of the package, where instanceof fails', async () => {
    vi.resetModules()
    const copy = await import('../src/errors.js')
    const error = new copy.SteadfastError('STEADFAST_TEST', 'x')
    expect([error instanceof SteadfastError, isSteadfastError(error, 'STEADFAST_TEST')]).toEqual([
      false,
      true,
    ])
  })

  test('recognises an error made in another vm context, where instanceof Error fails', () => {
    const error: unknown = runInNewContext(
      "Object.assign(new Error('x'), { [Symbol.for('steadfast.error')]: true, code: 'STEADFAST_TEST' })",
    )
    expect([error instanceof Error, isSteadfastError(error, 'STEADFAST_TEST')]).toEqual([false, true])
  })

  test.each([
    ['a plain Error with a STEADFAST_ code', Object.assign(new Error('x'), { code: 'STEADFAST_TEST' })],
    ['an object whose brand is not true', { [BRAND]: 'yes', code: 'STEADFAST_TEST' }],
    ['an object branded with a local symbol', { [Symbol('steadfast.error')]: true, code: 'STEADFAST_TEST' }],
    ['null', null],
    ['undefined', undefined],
    ['a string', 'STEADFAST_TEST'],
  ])('rejects %s', (_label, value) => {
    expect(isSteadfastError(value)).toBe(false)
  })
})
