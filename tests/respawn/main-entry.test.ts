// `useProcess` from the main entry (`@steadfast/respawn`), which docs/respawn.md and ARCHITECTURE
// promise in both runners: in Vitest it works with neither the plugin nor Vitest's globals (it takes
// Vitest's hooks itself), and where no runner is there at all it says so.
import { describe, expect, test } from 'vitest'
import { runNodeScript } from '../harness/index.js'
import { expectNoSurvivors, project, runRespawnFixture, serverOptions, testFile } from './_fixtures.js'

const BODY = `
T('starts the process', async (api) => {
  expect((await get(api.url + '/health')).status).toBe(200)
})
T('keeps it for the next test', async (api) => {
  expect((await get(api.url + '/health')).status).toBe(200)
})
`

describe.concurrent.each(['vitest4', 'vitest5'] as const)('the main entry in %s', (runner) => {
  test('useProcess works with an empty config: no plugin, no globals', async () => {
    const options = serverOptions()
    const run = await runRespawnFixture({
      runner,
      files: project(
        runner,
        {
          'a.test.js': testFile(runner, BODY, options, 'main'),
          'b.test.js': testFile(runner, BODY, options, 'main'),
        },
        { plugin: false },
      ),
    })
    expect(run.states(), run.stdout + run.stderr).toEqual({
      'starts the process': 'passed',
      'keeps it for the next test': 'passed',
    })
    expect(run.report.tests.map((t) => t.state)).toEqual(Array(4).fill('passed'))
    expect(run.exitCode).toBe(0)
    await expectNoSurvivors(run)
  })
})

test('outside any runner, useProcess names what it needs', async () => {
  const run = await runNodeScript({
    files: {
      'use.mjs': `import { defineProcess, useProcess } from '@steadfast/respawn'
useProcess(defineProcess({ name: 'api', command: process.execPath, args: ['-e', ''], ready: { log: /never/ } }))
`,
    },
    entry: 'use.mjs',
  })
  expect(run.exitCode).toBe(1)
  expect(run.stderr).toContain(
    'useProcess() from @steadfast/respawn found no runner hooks to register with (beforeAll, beforeEach, afterAll, expect were undefined)',
  )
  expect(run.stderr).toContain('call it in a test file that Vitest or Jest runs')
})
