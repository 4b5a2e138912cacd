import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { JobRunner } from '@steadfast/example-jobs-app'
import { waitFor } from 'steadfast'
import { afterAll, describe, expect, test } from 'vitest'

// Each concurrent test makes its own folder: Jest runs no beforeEach around concurrent tests.
const dirs = []
async function freshDir() {
  const dir = await mkdtemp(join(tmpdir(), 'jobs-'))
  dirs.push(dir)
  return dir
}
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))))

describe.concurrent('cancelling jobs, two tests at once', () => {
  test('cancelling a job marks it cancelled (and its un-awaited audit write fails)', async () => {
    const runner = new JobRunner(await freshDir())
    runner.cancel('a')
    expect(runner.cancelled.has('a')).toBe(true)
    // The audit write goes on without us: wait until it is over (it fails, and nobody awaits it).
    await waitFor(() => runner.audits === 1, { timeout: 5000, message: 'the audit write finished' })
  })

  test('a job nobody cancels still runs', async () => {
    const runner = new JobRunner(await freshDir())
    runner.submit('b', async () => 'ran')
    expect(await waitFor(() => runner.read('b'), { timeout: 5000, message: 'job b stored' })).toMatchObject({
      result: 'ran',
    })
  })
})
