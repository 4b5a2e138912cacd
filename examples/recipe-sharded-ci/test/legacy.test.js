const { makeSlug } = require('../src/slug.js')

// Callers of the old API: each call emits a deprecation warning, counted once per kind.
test('the old makeSlug() still works for every legacy title', () => {
  for (let i = 0; i < 40; i++) expect(makeSlug(`Legacy title ${i}`)).toBe(`legacy-title-${i}`)
})
