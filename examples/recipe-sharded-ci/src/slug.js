// The code under test: a slug function, an old one that warns, and a cached variant.

/** "Hello, World!" → "hello-world" */
function slugify(text) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/** The old API, kept for callers that have not moved yet. */
function makeSlug(text) {
  process.emitWarning('makeSlug() is deprecated; use slugify()', 'DeprecationWarning', 'DEP_MAKESLUG')
  return slugify(text)
}

/** Slugs of a feed's titles, each title slugified once however often it repeats. */
function slugifyFeed(titles) {
  const seen = new Map()
  return titles.map((title) => {
    let slug = seen.get(title)
    if (slug === undefined) {
      slug = slugify(title)
      seen.set(title, slug)
    }
    return slug
  })
}

module.exports = { makeSlug, slugify, slugifyFeed }
