import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import {
  expectNoSurvivors,
  file,
  output,
  project,
  runRespawnFixture,
  serverOptions,
  survivors,
  testFile,
} from './_fixtures.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** Kills the watchdog, then the runner's main process, then this worker: nothing can clean up. */
const KILL_EVERYTHING = `
T('starts the tree', async (api) => {
  expect((await get(api.url + '/')).status).toBe(200)
})
T('kills the watchdog, the runner and its own worker', async () => {
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
  // The runner's main process, never the harness that started it: it runs in the project folder.
  // (Jest in band has none: then this process is the runner.)
  if (fs.readlinkSync('/proc/' + process.ppid + '/cwd') === process.cwd()) process.kill(process.ppid, 'SIGKILL')
  process.kill(process.pid, 'SIGKILL')
})
`

const HEALTHY = `
T('runs', async (api) => {
  expect((await get(api.url + '/')).status).toBe(200)
})
`

function withDir(runner: string, files: Record<string, string>, dir: string): Record<string, string> {
  // Both runs share one run directory (an absolute `dir`), as two runs of one project do.
  const base = project(runner as never, files)
  if (runner.startsWith('vitest')) {
    base['vitest.config.mjs'] =
      `import respawn from '@steadfast/respawn/vitest'\nexport default { plugins: [respawn({ dir: ${JSON.stringify(dir)} })] }\n`
  } else {
    base['steadfast.config.json'] = JSON.stringify({ respawn: { dir } })
  }
  return base
}

describe.each(['vitest4', 'jest30'] as const)('@steadfast/respawn in %s', (runner) => {
  test('a run killed whole (runner, worker, watchdog) leaves its trees to the next run, which reaps them at its start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steadfast-shared-run-dir-'))
    dirs.push(dir)
    const options = serverOptions(['--grandchildren'])
    const killed = await runRespawnFixture({
      runner,
      files: withDir(runner, { [file('killer')]: testFile(runner, KILL_EVERYTHING, options) }, dir),
    })
    // Nothing was left to clean up: the tree is still there (that is what the next run is for).
    expect(survivors(killed).length).toBeGreaterThan(0)

    const next = await runRespawnFixture({
      runner,
      files: withDir(runner, { [file('next')]: testFile(runner, HEALTHY) }, dir),
    })
    expect(next.states()).toEqual({ runs: 'passed' })
    expect(output(next)).toMatch(
      /\[steadfast\/respawn\] killed 1 process tree left by an earlier run whose worker died: api \(pid \d+, for killer\.test\.js\)/,
    )
    await expectNoSurvivors(killed)
    await expectNoSurvivors(next)
  })
})
