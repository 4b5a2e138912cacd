import { describe, expect, test } from 'vitest'
import { fails } from '../src/_procedure.js'
import { decide, headroom, isLooseLimit, strictFinal, thresholdOf } from '../src/verdict.js'

const at = (lower: number, estimate: number, upper: number) => ({ lower, estimate, upper })
const faster = { limit: 1, margin: 0.05, not: false }
const notFaster = { limit: 1, margin: 0.05, not: true }

describe('the three-way verdict against limit × (1 + margin)', () => {
  test.each([
    ['the whole interval beyond the threshold', at(1.06, 1.1, 1.2), 'violated'],
    ['the whole interval within it', at(0.9, 0.95, 1.04), 'satisfied'],
    ['an interval at the threshold exactly', at(0.9, 1, 1.05), 'satisfied'],
    ['an interval straddling it', at(1.0, 1.04, 1.1), 'inconclusive'],
  ] as const)('%s → %s', (_what, interval, verdict) => {
    expect(decide(interval, faster)).toBe(verdict)
  })

  test.each([
    ['clearly faster than the limit it must not beat', at(0.4, 0.5, 0.6), 'violated'],
    ['clearly slower', at(1.5, 2, 2.5), 'satisfied'],
    ['around the limit', at(0.9, 1, 1.1), 'inconclusive'],
  ] as const)('.not mirrors it: %s → %s', (_what, interval, verdict) => {
    expect(decide(interval, notFaster)).toBe(verdict)
  })

  test('the threshold widens the limit by the margin, the other way under .not', () => {
    expect(thresholdOf({ limit: 1.5, margin: 0.02, not: false })).toBeCloseTo(1.53)
    expect(thresholdOf({ limit: 1, margin: 0.05, not: true })).toBeCloseTo(1 / 1.05)
  })

  test('strict mode: an interval wider than twice the margin is unstable, a narrower one lets the estimate decide', () => {
    const strict = { limit: 1, margin: 0.02, not: false }
    expect(strictFinal(at(0.98, 1.01, 1.03), strict)).toBe('unstable')
    expect(strictFinal(at(1.0, 1.025, 1.035), strict)).toBe('violated')
    expect(strictFinal(at(1.0, 1.015, 1.035), strict)).toBe('satisfied')
  })

  test('a limit more than 3× the upper bound is loose; headroom is measured to the threshold', () => {
    expect(isLooseLimit(at(0.3, 0.31, 0.32), faster)).toBe(true)
    expect(isLooseLimit(at(0.4, 0.45, 0.5), faster)).toBe(false)
    expect(headroom(at(0.9, 0.95, 0.945), faster)).toBeCloseTo(0.1)
  })

  test.each([
    ['VIOLATED', 'pr', true],
    ['UNSTABLE', 'strict', true],
    ['LOOSE_LIMIT', 'strict', true],
    ['LOOSE_LIMIT', 'pr', false],
    ['INCONCLUSIVE', 'pr', false],
    ['UNCONFIRMED', 'pr', false],
    ['SATISFIED', 'strict', false],
  ] as const)('%s in %s mode fails: %s', (outcome, mode, failed) => {
    expect(fails(outcome, mode)).toBe(failed)
  })
})
