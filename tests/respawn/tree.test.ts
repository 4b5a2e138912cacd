import { describe, expect, test } from 'vitest'
import {
  expectNoSurvivors,
  file,
  project,
  recordedPids,
  runRespawnFixture,
  serverOptions,
  testFile,
} from './_fixtures.js'

const BODY = `
let first
T('starts a tree', async (api) => {
  first = api.pid
  expect((await get(api.url + '/')).status).toBe(200)
})
T('kills its leader (SIGKILL): the grandchildren stay behind, for now', async (api) => {
  expect(await api.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' })
})
T('runs on a new tree', async (api) => {
  expect(api.pid).not.toBe(first)
  expect((await get(api.url + '/')).status).toBe(200)
})
`

describe.each(['vitest4', 'jest30'] as const)('@steadfast/respawn in %s', (runner) => {
  test('kills the whole tree, grandchildren in its group and a setsid one, at respawn and at file end, SIGKILL after stopTimeout for those ignoring SIGTERM', async () => {
    const run = await runRespawnFixture({
      runner,
      files: project(runner, {
        [file('tree')]: testFile(runner, BODY, serverOptions(['--grandchildren', '--ignore-sigterm'])),
      }),
    })
    expect(run.states()).toEqual({
      'starts a tree': 'passed',
      'kills its leader (SIGKILL): the grandchildren stay behind, for now': 'passed',
      'runs on a new tree': 'passed',
    })
    // Two trees of three: each a server, a grandchild in its group, one that left it with setsid.
    expect(
      recordedPids(run)
        .map((r) => r.role)
        .sort(),
    ).toEqual(['grandchild', 'grandchild', 'server', 'server', 'setsid-grandchild', 'setsid-grandchild'])
    const escaped = recordedPids(run).filter((r) => r.role === 'setsid-grandchild')
    for (const r of escaped) expect(r.pgid).toBe(r.pid)
    await expectNoSurvivors(run)
  })
})
