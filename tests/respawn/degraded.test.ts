import { describe, expect, test } from 'vitest'
import type { FixtureRun } from '../harness/index.js'
import {
  artifact,
  expectNoSurvivors,
  file,
  output,
  project,
  runRespawnFixture,
  serverOptions,
  testFile,
} from './_fixtures.js'

const THREE_TESTS = `
T('first', async (api) => {
  expect((await get(api.url + '/')).status).toBe(200)
})
T('second', async (api) => {
  expect((await get(api.url + '/')).status).toBe(200)
})
T('third', async (api) => {
  expect((await get(api.url + '/')).status).toBe(200)
})
`

const HEALTHY = `
T('healthy in the next file', async (api) => {
  expect((await get(api.url + '/')).status).toBe(200)
})
`

/** The failure message of a test, whichever runner rendered it. */
function failure(run: FixtureRun, name: string): string {
  return run.test(name).errors.join('\n')
}

describe.each(['vitest4', 'jest30'] as const)('@steadfast/respawn in %s', (runner) => {
  test('a process that exits at start fails the test at once with ProcessDegradedError, and every later test of the file with the same cause; the next file gets a fresh process', async () => {
    // startTimeout far above anything the run takes: only the exit event can end the wait early.
    const run = await runRespawnFixture({
      runner,
      files: project(runner, {
        [file('a-broken')]: testFile(
          runner,
          THREE_TESTS,
          serverOptions(['--exit-at-start'], '\n  startTimeout: 600_000,'),
        ),
        [file('b-healthy')]: testFile(runner, HEALTHY),
      }),
    })
    expect(run.states()).toEqual({
      first: 'failed',
      second: 'failed',
      third: 'failed',
      'healthy in the next file': 'passed',
    })
    for (const name of ['first', 'second', 'third']) {
      const message = failure(run, name)
      expect(message).toMatch(
        /ProcessDegradedError: Process "api" is degraded: it exited before it was ready \(exit code 7\)\./,
      )
      expect(message).toMatch(/command: \S*node server\.cjs --port \d+ --exit-at-start/)
      expect(message).toMatch(/\| boom: refusing to start \(exit-at-start\)/)
    }
    // The fixture (Vitest) starts the process for the first test; useProcess (Jest) in its beforeAll.
    const vitest = runner.startsWith('vitest')
    const summary =
      'degraded   a-broken.test.js > api: this file did not get a healthy process: it exited before it was ready (exit code 7)'
    expect(output(run)).toContain(`${summary}${vitest ? ' (from test "first")' : ''}\n`)
    expect(artifact(run).records).toEqual([
      expect.objectContaining({
        file: 'a-broken.test.js',
        outcome: 'degraded',
        reason: 'exited-before-ready',
        exitCode: 7,
      }),
    ])
    expect(artifact(run).records[0]?.test).toBe(vitest ? 'first' : undefined)
    await expectNoSurvivors(run)
  })

  test('a process whose respawns are spent degrades the file: maxRespawns', async () => {
    const body = `
T('crash one', async (api) => {
  await expect(get(api.url + '/crash')).rejects.toThrow()
})
T('crash two, after the one respawn', async (api) => {
  await expect(get(api.url + '/crash')).rejects.toThrow()
})
T('fails: respawns spent', async () => {})
T('fails as fast, same cause', async () => {})
`
    const run = await runRespawnFixture({
      runner,
      files: project(runner, {
        [file('spent')]: testFile(runner, body, serverOptions([], '\n  maxRespawns: 1,')),
      }),
    })
    expect(run.states()).toEqual({
      'crash one': 'passed',
      'crash two, after the one respawn': 'passed',
      'fails: respawns spent': 'failed',
      'fails as fast, same cause': 'failed',
    })
    for (const name of ['fails: respawns spent', 'fails as fast, same cause']) {
      expect(failure(run, name)).toMatch(
        /Process "api" is degraded: it exited \(exit code 3\), and its 1 respawn for this file are spent\./,
      )
    }
    expect(artifact(run).records).toMatchObject([
      { outcome: 'respawned', test: 'crash two, after the one respawn', exitCode: 3 },
      { outcome: 'degraded', reason: 'max-respawns', test: 'fails: respawns spent', exitCode: 3 },
    ])
    await expectNoSurvivors(run)
  })

  test('a process that never gets ready fails with the ready check it waited for, once startTimeout has passed', async () => {
    const run = await runRespawnFixture({
      runner,
      files: project(runner, {
        [file('never-ready')]: testFile(
          runner,
          THREE_TESTS,
          serverOptions(['--no-listen'], '\n  startTimeout: 300,'),
        ),
      }),
    })
    expect(run.states()).toEqual({ first: 'failed', second: 'failed', third: 'failed' })
    expect(failure(run, 'third')).toMatch(
      /Process "api" is degraded: its ready check \(GET http:\/\/127\.0\.0\.1:\d+\/health\) did not pass within 300 ms; last attempt: GET http:\/\/127\.0\.0\.1:\d+\/health failed: ECONNREFUSED\./,
    )
    expect(failure(run, 'first')).toMatch(
      /Fix: raise startTimeout if it is only slow, or fix the ready check/,
    )
    await expectNoSurvivors(run)
  })

  test('an unhealthy process (health check answers 503) and a hung one (no answer) are killed and respawned', async () => {
    const body = `
let pids = []
T('makes it sick', async (api) => {
  pids.push(api.pid)
  await get(api.url + '/sick')
})
T('gets a healthy one', async (api) => {
  pids.push(api.pid)
  expect((await get(api.url + '/health')).status).toBe(200)
  await get(api.url + '/hang')
})
T('gets a healthy one after the hang', async (api) => {
  pids.push(api.pid)
  expect((await get(api.url + '/health')).status).toBe(200)
  expect(new Set(pids).size).toBe(3)
})
`
    const run = await runRespawnFixture({
      runner,
      files: project(runner, { [file('unhealthy')]: testFile(runner, body) }),
    })
    expect(run.states()).toEqual({
      'makes it sick': 'passed',
      'gets a healthy one': 'passed',
      'gets a healthy one after the hang': 'passed',
    })
    expect(artifact(run).records).toMatchObject([
      {
        outcome: 'respawned',
        test: 'gets a healthy one',
        cause: expect.stringMatching(
          /^its health check failed \(GET http:\/\/127\.0\.0\.1:\d+\/health answered 503\); killed it$/,
        ),
        signal: 'SIGTERM',
      },
      {
        outcome: 'respawned',
        test: 'gets a healthy one after the hang',
        cause: expect.stringMatching(
          /^its health check failed \(GET .* did not answer within 2000 ms\); killed it$/,
        ),
        signal: 'SIGTERM',
      },
    ])
    await expectNoSurvivors(run)
  })

  test('a retry brings a degraded process back', async () => {
    const retry = runner.startsWith('vitest') ? '' : 'jest.retryTimes(1)\n'
    const body = `${retry}
T('flaky start', async (api) => {
  expect((await get(api.url + '/')).status).toBe(200)
}, { retry: 1 })
`
    // The first start exits (a marker file says so), the second one (the retry's) is healthy.
    const run = await runRespawnFixture({
      runner,
      // Vitest 4 does not run a fixture again for a retry after it threw: hooks (useProcess) do run.
      files: project(runner, {
        [file('retry')]: testFile(runner, body, serverOptions(['--exit-at-start-once']), 'useProcess'),
      }),
    })
    expect(run.states()).toEqual({ 'flaky start': 'passed' })
    expect(output(run)).toMatch(/\[steadfast\/respawn\] "api" came back for the retry of "flaky start"/)
    await expectNoSurvivors(run)
  })
})
