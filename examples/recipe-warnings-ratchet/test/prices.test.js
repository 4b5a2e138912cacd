import { expect, test } from 'vitest'
import { convert, total } from '../src/prices.js'

test('converts EUR to USD', () => {
  expect(convert(10, 'USD')).toBe(11)
})

test('an unknown currency leaves the amounts in EUR', () => {
  expect(total([{ price: 1 }, { price: 2 }, { price: 3 }], 'GBP')).toBe(6)
})
