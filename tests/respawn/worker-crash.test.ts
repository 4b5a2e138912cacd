import { describe, expect, test } from 'vitest'
import {
  expectNoSurvivors,
  file,
  output,
  project,
  runRespawnFixture,
  serverOptions,
  testFile,
} from './_fixtures.js'

/** The watchdog's bound: SIGTERM, stopTimeout (500 ms here) for the tree to go, then SIGKILL. */
const WATCHDOG_GRACE = 5_000

const START = `
T('starts the tree', async (api) => {
  expect((await get(api.url + '/')).status).toBe(200)
})
`

/** Kills the watchdog (found among the worker's children), so only the pid registry is left. */
const KILL_WATCHDOG = `
function killWatchdog() {
  const fs = require_fs()
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\\d+$/.test(name)) continue
    try {
      const stat = fs.readFileSync('/proc/' + name + '/stat', 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      const cmdline = fs.readFileSync('/proc/' + name + '/cmdline', 'utf8')
      if (ppid === process.pid && cmdline.includes('watchdog.js')) process.kill(Number(name), 'SIGKILL')
    } catch {}
  }
}
`

const OTHER = `
T('another file runs on', async (api) => {
  expect((await get(api.url + '/')).status).toBe(200)
})
`

const options = serverOptions(['--grandchildren', '--ignore-sigterm'])

describe.each(['vitest4', 'jest30'] as const)('@steadfast/respawn in %s', (runner) => {
  // Jest runs a single file in band (in its main process): two files make it use workers.
  const files = (body: string): Record<string, string> =>
    project(runner, {
      [file('crash')]: testFile(runner, body, options),
      [file('other')]: testFile(runner, OTHER),
    })

  test('a worker killed with SIGKILL mid-file leaves no orphan: the watchdog kills the tree', async () => {
    const body = `${START}
T('kills its own worker', async () => {
  process.kill(process.pid, 'SIGKILL')
})
`
    // No plugin, no reporter: nothing reaps at the end of the run, so only the watchdog can do it.
    const run = await runRespawnFixture({
      runner,
      files: project(
        runner,
        {
          [file('crash')]: testFile(runner, body, options, 'useProcess'),
          [file('other')]: testFile(runner, OTHER, undefined, 'useProcess'),
        },
        // Vitest without the plugin: useProcess takes the global hooks.
        { plugin: false, vitestTest: 'globals: true' },
      ),
      args: runner.startsWith('jest') ? ['-w', '2'] : [],
    })
    expect(run.exitCode).not.toBe(0)
    expect(run.test('another file runs on').state).toBe('passed')
    await expectNoSurvivors(run, WATCHDOG_GRACE)
  })

  test('a worker killed together with its watchdog leaves no orphan: the end of the run reaps the pid registry', async () => {
    const body = `${KILL_WATCHDOG}${START}
T('kills its watchdog, then its own worker', async () => {
  killWatchdog()
  process.kill(process.pid, 'SIGKILL')
})
`
    const run = await runRespawnFixture({
      runner,
      files: files(body),
      args: runner.startsWith('jest') ? ['-w', '2'] : [],
    })
    expect(run.exitCode).not.toBe(0)
    expect(output(run)).toMatch(
      /\[steadfast\/respawn\] killed 1 process tree whose worker died before its teardown: api \(pid \d+, for crash\.test\.js\)/,
    )
    await expectNoSurvivors(run)
  })

  test('process.exit() in a test leaves no orphan', async () => {
    const body = `${START}
T('calls process.exit', async () => {
  process.exit(1)
})
`
    const run = await runRespawnFixture({
      runner,
      files: files(body),
      args: runner.startsWith('jest') ? ['-w', '2'] : [],
    })
    expect(run.exitCode).not.toBe(0)
    await expectNoSurvivors(run, WATCHDOG_GRACE)
  })
})
