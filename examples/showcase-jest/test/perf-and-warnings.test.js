const { describe, expect, test } = require('@jest/globals')
const {
  findByTagScan,
  legacyLabel,
  serializeJob,
  serializeJobNext,
  TagIndex,
} = require('@steadfast/example-jobs-app')

// Two hundred jobs with a few tags each: enough work for the gates to compare.
const jobs = Array.from({ length: 200 }, (_, i) => ({
  id: `job-${i}`,
  tags: [`team-${i % 7}`, `kind-${i % 5}`, i % 2 ? 'nightly' : 'pr'],
  payload: { attempt: 1, steps: Array.from({ length: 8 }, (_, s) => ({ step: s, ok: true })) },
}))

const TAGS = [...new Set(jobs.flatMap((job) => job.tags))]

// A gate takes about a second, more when it re-measures a violation: longer than the default timeout.
const GATE_TIMEOUT = 60_000

describe('perf gates', () => {
  test(
    'the tag index is faster than scanning every job',
    async () => {
      const index = new TagIndex(jobs)
      // Every tag per call: one map lookup alone is too little work to tell from an empty function.
      const withIndex = () => TAGS.map((tag) => index.find(tag).length)
      const withScan = () => TAGS.map((tag) => findByTagScan(jobs, tag).length)
      await expect(withIndex).toBeFasterThan(withScan, { factor: 0.5 })
    },
    GATE_TIMEOUT,
  )

  test(
    'the next serializer is no slower than the shipped one (it is: a regression)',
    async () => {
      const job = jobs[42]
      await expect(() => serializeJobNext(job)).toBeFasterThan(() => serializeJob(job))
    },
    GATE_TIMEOUT,
  )
})

describe('warnings', () => {
  test('labelling every job the legacy way floods deprecation warnings', () => {
    const labels = jobs.map((job) => legacyLabel(job))
    expect(labels).toHaveLength(200)
  })
})
