import { isSteadfastError } from '@steadfast/core'
import { describe, expect, test } from 'vitest'
import { checkExpected, checkGateOptions } from '../src/gateOptions.js'
import { resolvePerfOptions } from '../src/options.js'

describe('plugin options', () => {
  test('STRICT_PERF and STEADFAST_PERF_FACTOR override the options', () => {
    const options = resolvePerfOptions({ strict: false }, { STRICT_PERF: '1', STEADFAST_PERF_FACTOR: '1.5' })
    expect(options).toMatchObject({ strict: true, machineFactor: 1.5, html: true, bencher: true })
  })

  test('a bad option names itself, its value and where it came from', () => {
    expect(() => resolvePerfOptions(undefined, { STEADFAST_PERF_FACTOR: 'fast' })).toThrow(
      /@steadfast\/perf option "machineFactor": expected number, got "fast"/,
    )
    expect(() => resolvePerfOptions({ rounds: 5 }, {})).toThrow(/option "rounds": .*got 5/)
  })
})

describe('gate options', () => {
  test.each([
    [{ factor: 0 }, false, /option "factor" must be a positive number, got 0/],
    [{ factor: 2 }, true, /option "factor" .* conflicts with a budget in ms, got 2/],
    [{ margin: 1.5 }, false, /option "margin" must be a fraction from 0 to below 1 .*, got 1\.5/],
    [{ rounds: 9.5 }, false, /option "rounds" must be a whole number of at least 10, got 9\.5/],
    [
      { speed: 1 },
      false,
      /unknown option "speed", got 1\. Known options: factor, margin, rounds, time, name\./,
    ],
    ['fast', false, /options must be an object, got "fast"/],
  ] as const)('%j is refused with what, the value and the fix', (options, absolute, message) => {
    let caught: unknown
    try {
      checkGateOptions(options, absolute, 'toBeFasterThan')
    } catch (error) {
      caught = error
    }
    expect(isSteadfastError(caught, 'STEADFAST_PERF_OPTIONS')).toBe(true)
    expect((caught as Error).message).toMatch(message)
  })

  test.each([
    [-1, /a budget must be a positive number of ms per call, got -1/],
    [Number.NaN, /got NaN/],
    ['5ms', /expected another function to compare with, or a budget in ms, got "5ms"/],
  ])('%s is not something to compare with', (expected, message) => {
    expect(() => checkExpected(expected, 'toBeFasterThan')).toThrow(message)
  })
})
