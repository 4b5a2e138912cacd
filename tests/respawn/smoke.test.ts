import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { RUNNERS, type RunnerId } from '../harness/index.js'
import {
  artifact,
  expectNoSurvivors,
  file,
  output,
  project,
  runRespawnFixture,
  type Style,
  serverOptions,
  testFile,
} from './_fixtures.js'

const BODY = `
let first
T('uses the process', async (api) => {
  first = api.pid
  const fs = require_fs()
  // Its private tmpdir (mode 0700) and its port, for the checks after the run.
  expect(fs.statSync(api.tmpdir).mode & 0o777).toBe(0o700)
  fs.mkdirSync(join(PIDS, '..', 'seen'), { recursive: true })
  fs.writeFileSync(join(PIDS, '..', 'seen', String(api.pid)), JSON.stringify({ tmpdir: api.tmpdir, port: api.port }))
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

/** Other checks than the default http ones: ready from a log line, health over TCP. */
const LOG_AND_TCP = `
  ready: { log: /listening on \\d+/ },
  health: { tcp: '{port}' },`

const COMBINATIONS: Array<{
  runner: RunnerId
  style: Style
  pool?: string
  globals?: boolean
  checks?: 'log+tcp'
}> = [
  ...RUNNERS.map((runner) => ({ runner, style: 'fixture' as Style })),
  { runner: 'vitest4', style: 'useProcess' },
  { runner: 'vitest4', style: 'main', globals: true },
  // The main entry without globals: Vitest's hooks come from the plugin's setup file.
  { runner: 'vitest4', style: 'main' },
  { runner: 'jest30', style: 'main' },
  { runner: 'vitest4', style: 'fixture', checks: 'log+tcp' },
  { runner: 'jest30', style: 'fixture', checks: 'log+tcp' },
  { runner: 'vitest4', style: 'fixture', pool: 'threads' },
  { runner: 'vitest5', style: 'fixture', pool: 'threads' },
]

describe.each(COMBINATIONS)(
  '@steadfast/respawn smoke: $runner, $style, pool $pool, checks $checks',
  ({ runner, style, pool, globals, checks }) => {
    test('respawns a crashed tree, restarts on demand, gives each file its own port and tmpdir, leaves nothing behind', async () => {
      const options = serverOptions(['--grandchildren'], checks ? LOG_AND_TCP : '')
      const run = await runRespawnFixture({
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
      // Each file had its own port and its own tmpdir, and the tmpdirs are gone.
      const seen = readdirSync(join(run.dir, 'seen')).map(
        (name) =>
          JSON.parse(readFileSync(join(run.dir, 'seen', name), 'utf8')) as { tmpdir: string; port: number },
      )
      expect(seen).toHaveLength(2)
      expect(new Set(seen.map((s) => s.port)).size).toBe(2)
      expect(new Set(seen.map((s) => s.tmpdir)).size).toBe(2)
      expect(seen.filter((s) => existsSync(s.tmpdir))).toEqual([])
      await expectNoSurvivors(run)
    })
  },
)
