const { slugify, slugifyFeed } = require('../src/slug.js')

// 100 titles, 10 distinct: the feed slugifies 10 and looks the other 90 up.
const TITLES = Array.from(
  { length: 100 },
  (_, i) => `Breaking: story number ${i % 10} about something long enough`,
)
const slugifyEach = (titles) => titles.map(slugify)

test('a feed gets the same slugs as slugifying each title', () => {
  expect(slugifyFeed(TITLES)).toEqual(slugifyEach(TITLES))
})

test('a feed where 9 titles in 10 repeat is at least 4× faster than slugifying each title', async () => {
  await expect(() => slugifyFeed(TITLES)).toBeFasterThan(() => slugifyEach(TITLES), { factor: 0.25 })
}, 60_000)
