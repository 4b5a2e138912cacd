import { describe, expect, test } from 'vitest'
import { JEST_RUNNERS, type RunnerId, runFixture, VITEST_RUNNERS } from '../harness/index.js'
import { JEST_HEADER, leaky, VITEST_HEADER } from './_fixtures.js'

/** The line of the fixture's test file on which `snippet` stands. */
function lineOf(files: Record<string, string>, snippet: string): number {
  const lines = (files['leaks.test.js'] ?? '').split('\n')
  return lines.findIndex((line) => line.includes(snippet)) + 1
}

function project(runner: RunnerId, options: string): Record<string, string> {
  if (runner.startsWith('vitest')) {
    return {
      'vitest.config.mjs': `import rejections from '@steadfast/rejections/vitest'\nexport default { plugins: [rejections(${options})] }\n`,
      'leaks.test.js': leaky(
        VITEST_HEADER.replace('{ beforeAll,', '{ afterAll, beforeAll,'),
        `import { spawn } from 'node:child_process'\nimport { watch } from 'node:fs'\n`,
      ),
    }
  }
  return {
    'jest.config.js': `module.exports = { testEnvironment: 'node', transform: {}, setupFilesAfterEnv: ['@steadfast/rejections/jest'], forceExit: true }\n`,
    'steadfast.config.js': `module.exports = { rejections: ${options} }\n`,
    'leaks.test.js': leaky(
      JEST_HEADER.replace('{ beforeAll,', '{ afterAll, beforeAll,'),
      `const { spawn } = require('node:child_process')\nconst { watch } = require('node:fs')\n`,
    ),
  }
}

describe.concurrent.each([...VITEST_RUNNERS, ...JEST_RUNNERS])(
  '@steadfast/rejections leak report in %s',
  (runner) => {
    test("leaks: 'fail' fails each test that left a handle open, naming it and the line that created it", async () => {
      const files = project(runner, `{ leaks: 'fail' }`)
      const run = await runFixture({ runner, files })
      expect(run.states()).toEqual({
        'leaky interval': 'failed',
        'leaky child process': 'failed',
        'leaky watcher': 'failed',
        'clean timer': 'passed',
        'unref timer is no leak': 'passed',
        'times out waiting': 'failed',
      })
      const errors = (name: string): string => run.test(name).errors.join('\n')
      expect(errors('leaky interval')).toContain(
        `test "leaky interval" left 1 open handle behind (close them, or await their end, before the test ends):\n  - timer (Timeout) created at leaks.test.js:${lineOf(files, "test('leaky interval'") + 1}`,
      )
      expect(errors('leaky child process')).toContain(
        `child process (PROCESSWRAP) created at leaks.test.js:${lineOf(files, "spawn('sleep'")}`,
      )
      expect(errors('leaky watcher')).toContain(
        `file watcher (FSEVENTWRAP) created at leaks.test.js:${lineOf(files, "watch('.')")}`,
      )
      expect(errors('times out waiting')).toContain(
        `test "times out waiting" timed out; it was still waiting on these, and left 1 open handle behind (close them, or await their end, before the test ends):\n  - timer (Timeout) created at leaks.test.js:${lineOf(files, 'setTimeout(resolve, 60000)')}`,
      )
    })

    test("leaks: 'warn' lists the same handles and fails nothing but the timed-out test", async () => {
      const files = project(runner, `{ leaks: 'warn' }`)
      const run = await runFixture({ runner, files })
      expect(run.test('leaky interval').state).toBe('passed')
      expect(run.test('times out waiting').state).toBe('failed')
      expect(`${run.stdout}\n${run.stderr}`).toContain(
        `[steadfast/rejections] test "leaky interval" left a timer (Timeout) created at leaks.test.js:${lineOf(files, "test('leaky interval'") + 1}`,
      )
    })
  },
)
