// Jest's watch mode, where developers live: each run and rerun gets its own summary with its own
// counts, and nothing adds up across reruns (the reporters are made once and called again).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { createProject, JEST_RUNNERS, runnerInfo } from '../harness/index.js'
import { watchOneEdit } from './_watch.js'

const FILE = (n: number): string => `test('culprit', async () => {
  Promise.reject(new Error('boom-${n}'))
  await new Promise((resolve) => setTimeout(resolve, 30))
})
test('warns', () => {
  for (let i = 0; i < 5000; i++) process.emitWarning('the widget flag is deprecated', 'DeprecationWarning', 'DEP_WIDGET')
})
`
const OVERVIEW = /Steadfast \(Jest\): [^\n]*\n/g

describe.concurrent.each(JEST_RUNNERS)('steadfast/jest --watchAll in %s', (runner) => {
  test('a summary after the run and after the rerun, each with its own counts', async () => {
    const info = runnerInfo(runner)
    const dir = await createProject({
      runner,
      files: {
        'jest.config.js':
          "const { withSteadfast } = require('steadfast/jest')\nmodule.exports = withSteadfast({ testEnvironment: 'node', transform: {} })\n",
        'a.test.js': FILE(1),
      },
    })
    const { output, stdout } = await watchOneEdit(info, dir, ['--watchAll', '--no-watchman'], OVERVIEW, () =>
      writeFileSync(join(dir, 'a.test.js'), FILE(2)),
    )
    // Each run's summaries end with its overview, all on stdout (Jest writes its own to stderr, which
    // reaches us in no fixed order with it); a save can make Jest run twice, each a run of its own.
    const runs = stdout.split(/(?<=Steadfast \(Jest\): [^\n]*\n)/).slice(0, -1)
    expect(runs.length, output).toBeGreaterThanOrEqual(2)
    for (const [n, run] of runs.entries()) {
      expect(run, output).toContain('@steadfast/rejections: 1 unhandled error in 1 place')
      expect(run, output).toContain(`boom-${n === 0 ? 1 : 2}`)
      expect(run, output).toMatch(/@steadfast\/warnings: 5000 warnings of 1 kind from 1 file/)
      expect((run.match(OVERVIEW) ?? []).length, output).toBe(1)
      expect(run, output).toMatch(/Steadfast \(Jest\): a part failed the run; 1 test failed in all/)
      if (n > 0) expect(run, output).not.toContain('boom-1')
    }
  }, 60_000)
})
