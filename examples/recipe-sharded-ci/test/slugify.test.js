const { slugify } = require('../src/slug.js')

test('lowercases and joins words with dashes', () => {
  expect(slugify('Hello, World!')).toBe('hello-world')
})

test('drops leading and trailing separators', () => {
  expect(slugify('  -- Steadfast --  ')).toBe('steadfast')
})
