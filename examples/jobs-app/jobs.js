// CommonJS so that both showcase suites load it as is: Jest without a transform, Vitest natively.
// A small job runner, the kind of code that makes suites poll: jobs are written to a file store by
// real asynchronous I/O, and failed jobs are retried after a backoff timer.
const { EventEmitter } = require('node:events')
const { appendFile, mkdir, readFile, writeFile } = require('node:fs/promises')
const { join } = require('node:path')

class JobRunner extends EventEmitter {
  constructor(dir, { backoffMs = 30_000 } = {}) {
    super()
    this.dir = dir
    this.backoffMs = backoffMs
    this.retries = 0
  }

  /** Runs `job` now; when it throws, schedules one retry after the backoff (a timer tests fake). */
  submit(id, job) {
    void this.#attempt(id, job, 1)
  }

  async #attempt(id, job, attempt) {
    try {
      const result = await job()
      await mkdir(this.dir, { recursive: true })
      await writeFile(join(this.dir, `${id}.json`), JSON.stringify({ id, result, attempt }))
      this.emit('done', { id, attempt })
    } catch (error) {
      this.emit('failed', { id, attempt, error })
      this.retries++
      setTimeout(() => void this.#attempt(id, job, attempt + 1), this.backoffMs)
    }
  }

  /**
   * Cancels a job. A bug kept on purpose for the showcase: the audit write is not awaited, and
   * its folder does not exist, so it rejects where no caller can see it.
   */
  cancel(id) {
    this.cancelled = (this.cancelled ?? new Set()).add(id)
    this.#audit(`cancelled ${id}`)
  }

  async #audit(line) {
    try {
      await appendFile(join(this.dir, 'audit', 'log.txt'), `${line}\n`)
    } finally {
      // Counted, not handled: a test can wait for the write to be over, and it still rejects.
      this.audits = (this.audits ?? 0) + 1
    }
  }

  async read(id) {
    try {
      return JSON.parse(await readFile(join(this.dir, `${id}.json`), 'utf8'))
    } catch {
      return undefined
    }
  }
}
/**
 * Job ids by tag. The old way scans every job on each lookup; the index answers from a map. The
 * showcase's perf gates compare them.
 */
function findByTagScan(jobs, tag) {
  return jobs.filter((job) => job.tags.includes(tag)).map((job) => job.id)
}

class TagIndex {
  constructor(jobs) {
    this.byTag = new Map()
    for (const job of jobs)
      for (const tag of job.tags) this.byTag.set(tag, [...(this.byTag.get(tag) ?? []), job.id])
  }

  find(tag) {
    return this.byTag.get(tag) ?? []
  }
}

/** How jobs are written to the store, as shipped. */
function serializeJob(job) {
  return JSON.stringify(job)
}

/**
 * The next version: a deep copy "for safety" and pretty printing. A performance regression kept on
 * purpose for the showcase: its perf gate fails.
 */
function serializeJobNext(job) {
  return JSON.stringify(JSON.parse(JSON.stringify(job)), null, 2)
}

/**
 * The old way to label a job, kept for callers that have not moved: each call warns (a
 * DeprecationWarning with its code), the way real libraries flood a suite's output.
 */
function legacyLabel(job) {
  process.emitWarning(`legacyLabel() is deprecated: use job.tags (job ${job.id})`, {
    type: 'DeprecationWarning',
    code: 'DEP_JOBS_LABEL',
  })
  return job.tags.join(',')
}

module.exports = { findByTagScan, JobRunner, legacyLabel, serializeJob, serializeJobNext, TagIndex }
