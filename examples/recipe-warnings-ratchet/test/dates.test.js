import { expect, test } from 'vitest'
import { formatDate, oldFormat } from '../src/dates.js'

test('formats a date as YYYY-MM-DD', () => {
  expect(formatDate(new Date(Date.UTC(2026, 10, 30)))).toBe('2026-11-30')
})

test('the old name gives the same result for every day of the month', () => {
  for (let day = 1; day <= 30; day++) {
    const date = new Date(Date.UTC(2026, 10, day))
    expect(oldFormat(date)).toBe(formatDate(date))
  }
})
