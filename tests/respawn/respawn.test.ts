import { describe, expect, test } from 'vitest'
import { VITEST_RUNNERS } from '../harness/index.js'
import {
  ANNOTATIONS_REPORTER,
  annotations,
  artifact,
  expectNoSurvivors,
  file,
  output,
  project,
  runRespawnFixture,
  testFile,
} from './_fixtures.js'

const CRASH = `
let firstPid
T('talks to the process', async (api) => {
  const res = await get(api.url + '/')
  expect(res.status).toBe(200)
  firstPid = api.pid
})
T('crashes it', async (api) => {
  await expect(get(api.url + '/crash')).rejects.toThrow()
})
T('gets a fresh, healthy process', async (api) => {
  const res = await get(api.url + '/')
  expect(res.status).toBe(200)
  expect(api.pid).not.toBe(firstPid)
  expect(res.body).toBe(String(api.pid))
})
`

const INNOCENT = `
T('starts its own process', async (api) => {
  const res = await get(api.url + '/')
  expect(res.status).toBe(200)
})
`

describe.each(['vitest4', 'jest30'] as const)('@steadfast/respawn in %s', (runner) => {
  test('a test that crashes the process does not spoil the next test, which is told why it respawned', async () => {
    const vitest = runner.startsWith('vitest')
    const run = await runRespawnFixture({
      runner,
      files: project(runner, {
        [file('crash')]: testFile(runner, CRASH),
        [file('innocent')]: testFile(runner, INNOCENT),
        'annotations.mjs': ANNOTATIONS_REPORTER,
      }),
      args: vitest ? ['--reporter=./annotations.mjs'] : [],
    })
    expect(run.states()).toEqual({
      'talks to the process': 'passed',
      'crashes it': 'passed',
      'gets a fresh, healthy process': 'passed',
      'starts its own process': 'passed',
    })
    expect(output(run)).toMatch(
      /\[steadfast\/respawn\] "api" respawned before test "gets a fresh, healthy process": it exited \(exit code 3\)\./,
    )
    expect(output(run)).toMatch(/crashing on request/)
    expect(output(run)).toMatch(/@steadfast\/respawn: 1 file had process trouble/)
    expect(output(run)).toMatch(
      /respawned {2}crash\.test\.js > api before "gets a fresh, healthy process": it exited \(exit code 3\)/,
    )
    expect(artifact(run).records).toMatchObject([
      { file: 'crash.test.js', process: 'api', outcome: 'respawned', exitCode: 3, signal: null },
    ])
    if (vitest) {
      expect(annotations(run)).toEqual([
        {
          test: 'gets a fresh, healthy process',
          type: 'steadfast/respawn',
          message: expect.stringMatching(
            /"api" respawned before test .*it exited \(exit code 3\)[\s\S]*crashing on request/,
          ),
        },
      ])
    }
    await expectNoSurvivors(run)
  })

  test("useProcess starts the process before the file's own beforeAll hooks, which can seed it", async () => {
    const body = `
let seenInBeforeAll
beforeAll(async () => {
  seenInBeforeAll = (await get(api.url + '/')).body
})
T('sees the process its beforeAll used', async (api) => {
  expect(seenInBeforeAll).toBe(String(api.pid))
})
`
    const run = await runRespawnFixture({
      runner,
      files: project(runner, { [file('seed')]: testFile(runner, body, undefined, 'useProcess') }),
    })
    expect(run.states()).toEqual({ 'sees the process its beforeAll used': 'passed' })
    await expectNoSurvivors(run)
  })
})

describe.each(VITEST_RUNNERS)('@steadfast/respawn with vitest --merge-reports in %s', (runner) => {
  test("merging the shards' blob reports gives one summary with every respawn", async () => {
    const files = project(runner, {
      [file('crash')]: testFile(runner, CRASH),
      [file('innocent')]: testFile(runner, INNOCENT),
    })
    const first = await runRespawnFixture({ runner, files, args: ['--shard=1/2', '--reporter=blob'] })
    const second = await runRespawnFixture({
      runner,
      in: first.dir,
      files: {},
      args: ['--shard=2/2', '--reporter=blob'],
    })
    const merged = await runRespawnFixture({ runner, in: first.dir, files: {}, args: ['--merge-reports'] })
    expect(output(merged)).toMatch(
      /@steadfast\/respawn: 1 file had process trouble\n {2}respawned {2}crash\.test\.js > api before "gets a fresh, healthy process": it exited \(exit code 3\)/,
    )
    expect(artifact(merged).records).toMatchObject([
      { file: 'crash.test.js', process: 'api', outcome: 'respawned', exitCode: 3 },
    ])
    await expectNoSurvivors(second)
  })
})
