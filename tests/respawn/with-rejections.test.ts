import { describe, expect, test } from 'vitest'
import { expectNoSurvivors, file, output, project, runRespawnFixture, testFile } from './_fixtures.js'

const BODY = `
T('uses the process', async (api) => {
  expect((await get(api.url + '/')).status).toBe(200)
})
T('crashes it', async (api) => {
  await api.kill('SIGKILL')
})
T('uses the respawned one', async (api) => {
  expect((await get(api.url + '/')).status).toBe(200)
})
`

describe.each(['vitest4', 'jest30'] as const)(
  '@steadfast/respawn beside @steadfast/rejections in %s',
  (runner) => {
    test("its processes, pipes, timers and watchdog are not reported as handles the file left open (leaks: 'fail')", async () => {
      const files = project(runner, { [file('both')]: testFile(runner, BODY, undefined, 'useProcess') })
      if (runner.startsWith('vitest')) {
        files['vitest.config.mjs'] = `import respawn from '@steadfast/respawn/vitest'
import rejections from '@steadfast/rejections/vitest'
export default { plugins: [rejections({ leaks: 'fail', leakScope: 'file' }), respawn()] }
`
      } else {
        files['jest.config.js'] = `module.exports = {
  testEnvironment: 'node',
  transform: {},
  setupFilesAfterEnv: ['@steadfast/rejections/jest'],
  reporters: ['default', '@steadfast/respawn/jest-reporter'],
}
`
        files['steadfast.config.json'] = JSON.stringify({ rejections: { leaks: 'fail', leakScope: 'file' } })
      }
      const run = await runRespawnFixture({ runner, files })
      expect(output(run)).not.toMatch(/left (a|\d+ open)/)
      expect(run.states()).toEqual({
        'uses the process': 'passed',
        'crashes it': 'passed',
        'uses the respawned one': 'passed',
      })
      expect(run.exitCode).toBe(0)
      await expectNoSurvivors(run)
    })
  },
)
