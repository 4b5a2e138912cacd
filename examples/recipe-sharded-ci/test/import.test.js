const { slugify } = require('../src/slug.js')

function importRows(rows) {
  const slugs = []
  for (const [i, row] of rows.entries()) {
    if (!row.title) {
      console.warn(`skipping row ${i}: no title`)
      continue
    }
    slugs.push(slugify(row.title))
  }
  return slugs
}

test('an import skips rows without a title, with a warning each', () => {
  const rows = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? {} : { title: `Row ${i}` }))
  expect(importRows(rows)).toHaveLength(20)
})
