import { describe, expect, test } from 'vitest'
import type { WarningKind } from '../src/kind.js'
import { messageMatcher, Rules } from '../src/rules.js'

const kind = (over: Partial<WarningKind> = {}): WarningKind => ({
  key: 'k',
  type: 'DeprecationWarning',
  code: 'DEP0005',
  template: 'Buffer() is deprecated',
  message: 'Buffer() is deprecated',
  origin: 'src/a.js:1:1',
  origins: { 'src/a.js:1': 0 },
  count: 0,
  files: {},
  tests: {},
  error: false,
  ...over,
})

describe('messageMatcher', () => {
  test.each([
    ['a substring', 'deprecated', 'Buffer() is deprecated', true],
    ['a substring that is absent', 'removed', 'Buffer() is deprecated', false],
    ['a wildcard over the whole message', 'retry * of 3', 'retry 2 of 3', true],
    ['a wildcard that must match the whole message', 'retry * of 3', 'retry 2 of 3 now', false],
    ['a wildcard across slashes', 'GET *', 'GET http://x/a/b', true],
    ['a wildcard with RegExp characters taken literally', 'Buffer() * (x)', 'Buffer() is old (x)', true],
    ['a RegExp', /is \w+ated/, 'Buffer() is deprecated', true],
  ])('matches %s', (_what, pattern, message, expected) => {
    expect(messageMatcher(pattern)(message)).toBe(expected)
  })

  test('a global RegExp matches every time, not every other time', () => {
    const matches = messageMatcher(/old/g)
    expect([matches('old'), matches('old'), matches('old')]).toEqual([true, true, true])
  })
})

describe('Rules', () => {
  test('a kind no rule names gets no rules, and counts', () => {
    const rules = new Rules([{ code: 'DEP0001' }], [{ type: 'ExperimentalWarning' }])
    const forKind = rules.forKind(kind(), 'src/a.js')
    expect(forKind).toEqual([])
    expect(Rules.verdict(forKind, 'anything')).toBe('count')
  })

  test('every field of a rule must match', () => {
    const rules = new Rules([{ code: 'DEP0005', origin: 'src/legacy/**' }], [])
    expect(Rules.verdict(rules.forKind(kind(), 'src/a.js'), 'x')).toBe('count')
    expect(Rules.verdict(rules.forKind(kind(), 'src/legacy/b.js'), 'x')).toBe('ignore')
  })

  test('message parts are decided per occurrence', () => {
    const rules = new Rules([], [{ type: 'DeprecationWarning', message: /item 5\b/ }])
    const forKind = rules.forKind(kind(), 'src/a.js')
    expect(Rules.verdict(forKind, 'item 4 is old')).toBe('count')
    expect(Rules.verdict(forKind, 'item 5 is old')).toBe('error')
  })

  test('ignore wins over error', () => {
    const rules = new Rules(['deprecated'], ['deprecated'])
    expect(Rules.verdict(rules.forKind(kind(), 'src/a.js'), 'Buffer() is deprecated')).toBe('ignore')
  })
})
