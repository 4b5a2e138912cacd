// Steadfast's own storage failing costs Steadfast's artifacts their usual place, never the user's
// run (issue 28, "no error is lost"): with a file where `.steadfast/` should be, every test runs,
// the un-awaited rejection still fails its test, one line names the folder, the cause and the fix,
// and the report is written where that line says.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
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

// A full disk, simulated in every process of the run by a preload that fails each write under
// `.steadfast/` with ENOSPC (the folder itself can be made): the tests run, the culprit still fails.
const FULL_DISK = join(dirname(fileURLToPath(import.meta.url)), '_full-disk.cjs')

describe.concurrent.each(['vitest4', 'jest29', 'jest30'] as const)(
  'a full disk under .steadfast/, in %s',
  (runner) => {
    test('the tests run, the culprit fails, Steadfast names its own fault with what is lost and the fix', async () => {
      const files = runner.startsWith('vitest') ? FILES.vitest : FILES.jest
      const run = await runFixture({ runner, files, env: { NODE_OPTIONS: `--require ${FULL_DISK}` } })
      const output = `${run.stdout}\n${run.stderr}`
      expect(run.exitCode, output).toBe(1)
      expect(run.states(), output).toEqual({ culprit: 'failed', fine: 'passed' })
      expect(run.test('culprit').errors.join('\n'), output).toMatch(
        /Unhandled rejection caused by test "culprit"/,
      )
      // Named as Steadfast's, with what is lost and the fix; never a raw stack of the failed write.
      expect(output).toMatch(
        /\[steadfast\] could not write \S+\.steadfast\S* \(ENOSPC\): .+\. Fix: free space/,
      )
      expect(output).toMatch(/\[steadfast\] could not write the report in \S+ \(ENOSPC\)/)
      expect(output).not.toMatch(/at enospc|Error: ENOSPC|error during close/)
      // Whatever was lost on the way, the overview vouches for nothing it could not see.
      expect(output).not.toMatch(/✓ (rejections|warnings|respawn|perf) /)
      expect(output).toMatch(
        /! rejections +no unhandled errors, no open handles left behind \(may be incomplete/,
      )
    })
  },
)
