const { slugify, slugifyFeed } = require('../src/slug.js')

// 100 titles, 10 distinct: the feed slugifies 10 and looks the other 90 up. The titles are long so
// that one slugify costs over 100 lookups: the gate then compares 10 slugify calls with 100 (about
// 0.11×) on any machine, however its regexes and maps compare. With short titles the lookups were a
// fifth of the feed's time, and a machine with slower maps or faster regexes moved the ratio.
const TITLES = Array.from(
  { length: 100 },
  (_, i) =>
    `Breaking: story number ${i % 10} about something long enough${', and then some more'.repeat(10)}`,
)
const slugifyEach = (titles) => titles.map(slugify)

test('a feed gets the same slugs as slugifying each title', () => {
  expect(slugifyFeed(TITLES)).toEqual(slugifyEach(TITLES))
})

test('a feed where 9 titles in 10 repeat is at least 4× faster than slugifying each title', async () => {
  await expect(() => slugifyFeed(TITLES)).toBeFasterThan(() => slugifyEach(TITLES), { factor: 0.25 })
}, 60_000)
