import { afterEach, describe, expect, test } from 'vitest'
import { type FixtureRun, RUNNERS, type RunnerId, runFixture } from '../harness/index.js'
import {
  artifact,
  expectNoSurvivors,
  file,
  killSurvivors,
  output,
  project,
  type Style,
  serverOptions,
  testFile,
} from './_fixtures.js'

const runs: FixtureRun[] = []
afterEach(() => {
  for (const run of runs.splice(0)) killSurvivors(run)
})

const BODY = `
let first
T('uses the process', async (api) => {
  first = api.pid
  expect((await get(api.url + '/')).body).toBe(String(api.pid))
  expect(api.logs().stdout).toContain('listening on ' + api.port)
})
T('crashes it', async (api) => {
  await expect(get(api.url + '/crash')).rejects.toThrow()
})
T('runs on a respawned process', async (api) => {
  expect(api.pid).not.toBe(first)
  expect((await get(api.url + '/')).body).toBe(String(api.pid))
})
T('restarts it on demand', async (api) => {
  const before = api.pid
  await api.restart()
  expect(api.pid).not.toBe(before)
  expect((await get(api.url + '/health')).status).toBe(200)
})
`

const COMBINATIONS: Array<{ runner: RunnerId; style: Style; pool?: string; globals?: boolean }> = [
  ...RUNNERS.map((runner) => ({ runner, style: 'fixture' as Style })),
  { runner: 'vitest4', style: 'useProcess' },
  { runner: 'vitest4', style: 'main', globals: true },
  { runner: 'jest30', style: 'main' },
  { runner: 'vitest4', style: 'fixture', pool: 'threads' },
  { runner: 'vitest5', style: 'fixture', pool: 'threads' },
]

describe.each(COMBINATIONS)(
  '@steadfast/respawn smoke: $runner, $style, pool $pool',
  ({ runner, style, pool, globals }) => {
    test('respawns a crashed tree, restarts on demand, leaves nothing behind', async () => {
      const options = serverOptions(['--grandchildren'])
      const run = await runFixture({
        runner,
        files: project(
          runner,
          {
            [file('a')]: testFile(runner, BODY, options, style),
            [file('b')]: testFile(runner, BODY, options, style),
          },
          { vitestTest: globals ? 'globals: true' : '' },
        ),
        args: pool ? [`--pool=${pool}`] : [],
      })
      runs.push(run)
      expect(run.report.tests.map((t) => t.state)).toEqual(Array(8).fill('passed'))
      expect(output(run)).toMatch(/@steadfast\/respawn: 2 files had process trouble/)
      expect(
        artifact(run)
          .records.map((r) => [r.file, r.outcome, r.exitCode])
          .sort(),
      ).toEqual([
        ['a.test.js', 'respawned', 3],
        ['b.test.js', 'respawned', 3],
      ])
      await expectNoSurvivors(run)
    })
  },
)
