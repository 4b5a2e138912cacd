import { describe, expect, test } from 'vitest'
import { placesOf, whereFrom } from '../src/kind.js'
import { fitLine, terminalWidth } from '../src/report.js'

describe('placesOf', () => {
  test('ranks the places and counts the rest', () => {
    const origins = { 'd.js:1': 100, 'a.js:1': 400, 'c.js:1': 200, 'b.js:1': 300 }
    expect(placesOf({ origins, count: 1000 })).toBe(
      '4 places: a.js:1 (400), b.js:1 (300), c.js:1 (200), 1 more (100)',
    )
  })

  test('says "more than" past the bound on places', () => {
    const origins = { 'a.js:1': 5, 'b.js:1': 4, '(other places)': 9 }
    expect(placesOf({ origins, count: 18 }, 1)).toBe('more than 2 places: a.js:1 (5), the rest (13)')
  })
})

describe('whereFrom', () => {
  test.each([
    [{ 'a.js:2': 3 }, 'at a.js:2:11'],
    [{ 'a.js:2': 3, 'b.js:5': 1 }, 'from 2 places, first at a.js:2:11'],
    [{ 'a.js:2': 3, '(other places)': 1 }, 'from more than 1 places, first at a.js:2:11'],
  ])('%j', (origins, text) => {
    expect(whereFrom({ origin: 'a.js:2:11', origins })).toBe(text)
  })
})

describe('fitLine', () => {
  test.each([
    ['a short line', 'abc', 5, 'abc'],
    ['a line of the width', 'abcde', 5, 'abcde'],
    ['a long line', 'abcdef', 5, 'abcd…'],
    ['line breaks', 'a\n  b', 10, 'a b'],
    ['a character of two code units', 'ab😀cd', 4, 'ab😀…'],
    ['no width', 'abcdef', Number.POSITIVE_INFINITY, 'abcdef'],
  ])('%s', (_what, text, width, line) => {
    expect(fitLine(text, width)).toBe(line)
  })
})

test("the terminal's width: its columns, else $COLUMNS, else 120", () => {
  expect(terminalWidth({ columns: 80 }, { COLUMNS: '100' })).toBe(80)
  expect(terminalWidth({}, { COLUMNS: '100' })).toBe(100)
  expect(terminalWidth({}, { COLUMNS: 'wide' })).toBe(120)
  expect(terminalWidth({}, {})).toBe(120)
})
