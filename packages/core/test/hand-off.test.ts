import { afterEach, describe, expect, test } from 'vitest'
import {
  HANDED_ENV,
  handedTo,
  handToWorkers,
  isSteadfastError,
  optionsFromUmbrella,
  reporterOptionsFor,
} from '../src/index.js'

const before = process.env[HANDED_ENV]
afterEach(() => {
  if (before === undefined) delete process.env[HANDED_ENV]
  else process.env[HANDED_ENV] = before
})

describe('handToWorkers and handedTo', () => {
  test('one variable carries a section per part, RegExps included, and returns it for test.env', () => {
    delete process.env[HANDED_ENV]
    expect(handedTo('rejections')).toBeUndefined()
    handToWorkers('rejections', { mode: 'fail', ignore: [/ECONNRESET/i] })
    const env = handToWorkers('perf', { settings: { strict: true } })
    expect(Object.keys(env)).toEqual([HANDED_ENV])
    expect(env[HANDED_ENV]).toBe(process.env[HANDED_ENV])
    // As a worker reads it: from the environment it inherited.
    const worker = { [HANDED_ENV]: env[HANDED_ENV] }
    expect(handedTo('rejections', worker)).toEqual({ mode: 'fail', ignore: [/ECONNRESET/i] })
    expect(handedTo<{ ignore: RegExp[] }>('rejections', worker)?.ignore[0]).toBeInstanceOf(RegExp)
    expect(handedTo('perf', worker)).toEqual({ settings: { strict: true } })
    expect(handedTo('warnings', worker)).toBeUndefined()
  })

  test('a section handed again replaces the last', () => {
    delete process.env[HANDED_ENV]
    handToWorkers('respawn', { dir: '/a', runId: '1' })
    handToWorkers('respawn', { dir: '/b', runId: '2' })
    expect(handedTo('respawn')).toEqual({ dir: '/b', runId: '2' })
  })

  test('a variable that is not ours is named with the fix in a worker, and overwritten in the main process', () => {
    for (const raw of ['{not json', '[1,2]', '"text"']) {
      let thrown: unknown
      try {
        handedTo('rejections', { [HANDED_ENV]: raw })
      } catch (error) {
        thrown = error
      }
      expect(isSteadfastError(thrown, 'STEADFAST_HANDED')).toBe(true)
      expect((thrown as Error).message).toMatch(
        /STEADFAST_HANDED is not what Steadfast's plugin or reporter writes/,
      )
      expect((thrown as Error).message).toMatch(/unset it where you set it by hand/)
    }
    process.env[HANDED_ENV] = '{not json'
    handToWorkers('warnings', { live: false })
    expect(handedTo('warnings')).toEqual({ live: false })
  })
})

describe('reporterOptionsFor and optionsFromUmbrella', () => {
  test("a part's reporter tells the umbrella's options from those a user gave it in Jest's config", () => {
    const resolved = { mode: 'warn' }
    expect(optionsFromUmbrella(reporterOptionsFor(resolved))).toBe(resolved)
    expect(optionsFromUmbrella(undefined)).toBeUndefined()
    expect(optionsFromUmbrella({ mode: 'fail' })).toBeUndefined()
    expect(optionsFromUmbrella(JSON.parse(JSON.stringify(reporterOptionsFor(resolved))))).toBeUndefined()
  })
})
