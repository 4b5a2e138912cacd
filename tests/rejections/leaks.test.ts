import { describe, expect, test } from 'vitest'
import { JEST_RUNNERS, type RunnerId, runFixture, VITEST_RUNNERS } from '../harness/index.js'
import { JEST_HEADER, leaky, VITEST_HEADER } from './_fixtures.js'

/** The line of the fixture's test file on which `snippet` stands. */
function lineOf(files: { 'leaks.test.js'?: string }, snippet: string): number {
  const lines = (files['leaks.test.js'] ?? '').split('\n')
  return lines.findIndex((line) => line.includes(snippet)) + 1
}

function project(runner: RunnerId, options: string): Record<string, string> {
  if (runner.startsWith('vitest')) {
    return {
      'vitest.config.mjs': `import rejections from '@steadfast/rejections/vitest'\nexport default { plugins: [rejections(${options})] }\n`,
      'leaks.test.js': leaky(
        VITEST_HEADER.replace('{ beforeAll,', '{ afterAll, beforeAll,'),
        `import { spawn } from 'node:child_process'\nimport { watch } from 'node:fs'\nimport { connect, createServer } from 'node:net'\n`,
      ),
    }
  }
  return {
    'jest.config.js': `module.exports = { testEnvironment: 'node', transform: {}, setupFilesAfterEnv: ['@steadfast/rejections/jest'], forceExit: true }\n`,
    'steadfast.config.js': `module.exports = { rejections: ${options} }\n`,
    'leaks.test.js': leaky(
      JEST_HEADER.replace('{ beforeAll,', '{ afterAll, beforeAll,'),
      `const { spawn } = require('node:child_process')\nconst { watch } = require('node:fs')\nconst { connect, createServer } = require('node:net')\n`,
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
        'leaky server': 'failed',
        'clean timer': 'passed',
        'unref timer is no leak': 'passed',
        'closed server is no leak': 'passed',
        'closed connection is no leak': 'passed',
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
      // Listening on a host makes the handle a tick later, from Node's frames alone.
      expect(errors('leaky server')).toContain(
        `server (TCPSERVERWRAP) created at leaks.test.js:${lineOf(files, "listen(0, '127.0.0.1'")}`,
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

describe.concurrent.each(JEST_RUNNERS)('@steadfast/rejections hang report in %s', (runner) => {
  test('a run kept alive by a leaked handle ends within seconds, printing the handle and the line that made it', async () => {
    const files = {
      'jest.config.js': `module.exports = { testEnvironment: 'node', transform: {}, setupFilesAfterEnv: ['@steadfast/rejections/jest'], reporters: ['default', '@steadfast/rejections/jest-reporter'] }\n`,
      'steadfast.config.json': JSON.stringify({ rejections: { hangTimeout: 2000 } }),
      'leaks.test.js': `${JEST_HEADER}
test('leaves a server listening', async () => {
  require('node:net').createServer().listen(0)
  setInterval(() => {}, 1000)
  await sleep(10)
})
`,
    }
    // In band, the leaked handles live in Jest's own process: without the report it never exits.
    const run = await runFixture({ runner, files, args: ['--runInBand'], timeout: 60_000 })
    expect(run.test('leaves a server listening').state).toBe('passed')
    expect(run.exitCode).toBe(1)
    expect(run.stderr).toContain(
      '[steadfast/rejections] The Jest run has finished, but the process is still alive 2000 ms later.',
    )
    expect(run.stderr).toContain(
      `timer (Timeout) from leaks.test.js > leaves a server listening, created at leaks.test.js:${lineOf(files, 'setInterval')}`,
    )
    expect(run.stderr).toMatch(/server \(TCPSERVERWRAP\) from leaks\.test\.js > leaves a server listening/)
  })
})

describe.concurrent.each(JEST_RUNNERS)(
  '@steadfast/rejections hang report in %s, setup file alone',
  (runner) => {
    // The first config docs/rejections.md shows: no reporter. In band, Jest runs the files in its own
    // process, and a server a test left listening keeps it alive for good.
    test('a run in band kept alive by a server a test left listening ends, naming the line that opened it', async () => {
      const files = {
        'jest.config.js': `module.exports = { testEnvironment: 'node', transform: {}, setupFilesAfterEnv: ['@steadfast/rejections/jest'] }\n`,
        'a.test.js': `${JEST_HEADER}
test('leaves a server listening', async () => {
  const server = require('node:net').createServer()
  server.listen(0)
  await sleep(10)
})
`,
        // Longer than the report's 3,000 ms: the report is armed when a file ends, and a file that
        // starts disarms it, so it must not cut this one short.
        'b.test.js': `${JEST_HEADER}\ntest('takes longer than the hang timeout', async () => {\n  await sleep(4000)\n})\n`,
      }
      // Jest runs the larger file first when it has no timings yet: a.test.js, then b.test.js.
      expect(files['a.test.js'].length).toBeGreaterThan(files['b.test.js'].length)
      const run = await runFixture({ runner, files, args: ['--runInBand'], timeout: 60_000 })
      expect(run.test('leaves a server listening').state).toBe('passed')
      expect(run.test('takes longer than the hang timeout').state).toBe('passed')
      expect(run.exitCode).toBe(1)
      expect(run.stderr).toContain(
        "[steadfast/rejections] No test file has started in the 3000 ms since the last one ended, but Jest's process is still alive.",
      )
      expect(run.stderr).toContain(
        `server (TCPSERVERWRAP) from a.test.js > leaves a server listening, created at a.test.js:${files['a.test.js'].split('\n').findIndex((line) => line.includes('server.listen(0)')) + 1}`,
      )
    })
  },
)

describe.concurrent.each(VITEST_RUNNERS)('@steadfast/rejections hang report in %s', (runner) => {
  test("a run kept alive by a handle in Vitest's own process ends within seconds, saying what is alive", async () => {
    const files = {
      'vitest.config.mjs': `import rejections from '@steadfast/rejections/vitest'\nexport default { plugins: [rejections({ hangTimeout: 2000 })], test: { globalSetup: ['./keep-alive.mjs'] } }\n`,
      'keep-alive.mjs': 'export function setup() { setInterval(() => {}, 1000) }\n',
      'leaks.test.js': `${VITEST_HEADER}\ntest('passes', () => {})\n`,
    }
    const run = await runFixture({ runner, files, timeout: 60_000 })
    expect(run.test('passes').state).toBe('passed')
    expect(run.exitCode).toBe(1)
    expect(run.stderr).toContain(
      '[steadfast/rejections] The Vitest run has finished, but the process is still alive 2000 ms later.',
    )
    expect(run.stderr).toMatch(/Active resources by type: .*Timeout × 1/)
    // Vitest's own timers, made inside the file's hooks, are never reported as the file's leaks.
    expect(`${run.stdout}\n${run.stderr}`).not.toContain('left a')
  })
})
