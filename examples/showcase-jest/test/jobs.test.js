const { mkdtemp, rm } = require('node:fs/promises')
const { tmpdir } = require('node:os')
const { join } = require('node:path')
const { Event, realSleep, WaitTimeoutError, waitFor, waitForEvent, withTimeout } = require('steadfast')
const { afterEach, beforeEach, describe, expect, test } = require('@jest/globals')
const { JobRunner } = require('@steadfast/example-jobs-app')

let dir
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jobs-'))
  // Fake timers, so the 30 s retry backoff can be skipped with one tick.
  jest.useFakeTimers()
})
afterEach(async () => {
  jest.useRealTimers()
  await rm(dir, { recursive: true, force: true })
})

describe('with fake timers on', () => {
  test('a sleep-polling loop never finishes: its sleep is fake', async () => {
    const runner = new JobRunner(dir)
    runner.submit('a', async () => 42)
    const naivePoll = async () => {
      while (!(await runner.read('a'))) await new Promise((r) => setTimeout(r, 100))
    }
    await expect(withTimeout(naivePoll(), 300, 'the naive polling loop')).rejects.toThrow(WaitTimeoutError)
  })

  test('waitFor polls on the real clock and returns the stored job', async () => {
    const runner = new JobRunner(dir)
    runner.submit('b', async () => 'ok')
    const stored = await waitFor(() => runner.read('b'), { timeout: 2000, message: 'job b stored' })
    expect(stored).toEqual({ id: 'b', result: 'ok', attempt: 1 })
  })

  test('the retry backoff is skipped with one fake tick, and waitForEvent sees the retry succeed', async () => {
    const runner = new JobRunner(dir)
    let calls = 0
    runner.submit('c', async () => {
      if (++calls === 1) throw new Error('flaky backend')
      return 'second time lucky'
    })
    await waitForEvent(runner, 'failed', 1000)
    const done = waitForEvent(runner, 'done', { timeout: 2000, filter: (e) => e.id === 'c' })
    jest.advanceTimersByTime(30_000)
    await expect(done).resolves.toEqual({ id: 'c', attempt: 2 })
  })

  test('an Event wakes every waiter at once when the job lands', async () => {
    const runner = new JobRunner(dir)
    const stored = new Event()
    runner.on('done', () => stored.set())
    const waiters = Array.from({ length: 5 }, () => stored.wait(2000))
    runner.submit('d', async () => 'fan-out')
    expect(await Promise.all(waiters)).toEqual([true, true, true, true, true])
  })

  test('a wait that runs out names what it waited for and how long', async () => {
    const runner = new JobRunner(dir)
    const error = await waitFor(() => runner.read('never'), {
      timeout: 150,
      interval: 20,
      message: 'job "never" stored',
    }).catch((e) => e)
    expect(WaitTimeoutError.is(error)).toBe(true)
    expect(error.message).toMatch(
      /^Timed out after \d+ ms waiting for job "never" stored \(timeout 150 ms, \d+ checks\)/,
    )
    await realSleep(1)
  })
})
