const { mkdtemp, rm } = require('node:fs/promises')
const { tmpdir } = require('node:os')
const { join } = require('node:path')
const { JobRunner } = require('@steadfast/example-jobs-app')
const { waitFor } = require('steadfast')
const { afterAll, describe, expect, test } = require('@jest/globals')

// Each concurrent test makes its own folder: Jest runs no beforeEach around concurrent tests.
const dirs = []
async function freshDir() {
  const dir = await mkdtemp(join(tmpdir(), 'jobs-'))
  dirs.push(dir)
  return dir
}
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))))

describe('cancelling jobs, two tests at once', () => {
  test.concurrent('cancelling a job marks it cancelled (and its un-awaited audit write fails)', async () => {
    const runner = new JobRunner(await freshDir())
    runner.cancel('a')
    expect(runner.cancelled.has('a')).toBe(true)
    // The audit write goes on without us: wait until it is over (it fails, and nobody awaits it).
    await waitFor(() => runner.audits === 1, { timeout: 5000, message: 'the audit write finished' })
  })

  test.concurrent('a job nobody cancels still runs', async () => {
    const runner = new JobRunner(await freshDir())
    runner.submit('b', async () => 'ran')
    expect(await waitFor(() => runner.read('b'), { timeout: 5000, message: 'job b stored' })).toMatchObject({
      result: 'ran',
    })
  })
})
