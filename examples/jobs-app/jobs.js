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
module.exports = { JobRunner }
