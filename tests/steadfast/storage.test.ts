// Steadfast's own storage failing costs Steadfast's artifacts their usual place, never the user's
// run (issue 28, "no error is lost"): with a file where `.steadfast/` should be, every test runs,
// the un-awaited rejection still fails its test, one line names the folder, the cause and the fix,
// and the report is written where that line says.
import { existsSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { runFixture } from '../harness/index.js'

const BODY = `
test('culprit', async () => {
  Promise.reject(new Error('boom'))
  await new Promise((resolve) => setTimeout(resolve, 30))
})
test('fine', () => {})
`
const FILES = {
  vitest: {
    'vitest.config.mjs':
      "import steadfast from 'steadfast/vitest'\nexport default { plugins: [steadfast()] }\n",
    'a.test.js': `import { test } from 'vitest'\n${BODY}`,
  },
  jest: {
    'jest.config.js':
      "const { withSteadfast } = require('steadfast/jest')\nmodule.exports = withSteadfast({ testEnvironment: 'node', transform: {} })\n",
    'a.test.js': `const { test } = require('@jest/globals')\n${BODY}`,
  },
}

describe.concurrent.each(['vitest4', 'jest29', 'jest30'] as const)(
  'a file where .steadfast/ should be, in %s',
  (runner) => {
    test('the tests run, the culprit fails, one line names the folder, the cause and the fix', async () => {
      const files = runner.startsWith('vitest') ? FILES.vitest : FILES.jest
      const run = await runFixture({ runner, files: { ...files, '.steadfast': 'a file, not a folder\n' } })
      const output = `${run.stdout}\n${run.stderr}`
      expect(run.exitCode, output).toBe(1)
      expect(run.states(), output).toEqual({ culprit: 'failed', fine: 'passed' })
      expect(run.test('culprit').errors.join('\n'), output).toMatch(
        /Unhandled rejection caused by test "culprit"/,
      )
      const line =
        /\[steadfast\] cannot keep its artifacts in (\S+) \((.+?)\): they go to (\S+) for this run\. Fix: (.+)/.exec(
          output,
        )
      expect(line, output).not.toBeNull()
      const [, folder, cause, instead, fix] = line as unknown as string[]
      expect(folder).toMatch(/\.steadfast$/)
      expect(cause).toMatch(/a file is in the way/)
      expect(fix).toMatch(/STEADFAST_DIR/)
      expect(output.split('[steadfast] cannot keep its artifacts').length - 1, output).toBe(1)
      expect(output).not.toMatch(/ENOTDIR|EEXIST/)
      expect(output).toMatch(/Steadfast \((Vitest|Jest)\): a part failed the run/)
      expect(existsSync(`${instead}/steadfast-report.json`), output).toBe(true)
    })
  },
)
