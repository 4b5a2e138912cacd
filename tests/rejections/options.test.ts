import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { JEST_RUNNERS, type RunnerId, runFixture, VITEST_RUNNERS } from '../harness/index.js'
import { JEST_HEADER, VITEST_HEADER } from './_fixtures.js'

const RUNNERS = [...VITEST_RUNNERS, ...JEST_RUNNERS]

/** A fixture project with the plugin configured with `options` (a JS object literal). */
function project(runner: RunnerId, options: string, tests: string): Record<string, string> {
  if (runner.startsWith('vitest')) {
    return {
      'vitest.config.mjs': `import rejections from '@steadfast/rejections/vitest'\nexport default { plugins: [rejections(${options})] }\n`,
      'options.test.js': `${VITEST_HEADER}${tests}`,
    }
  }
  return {
    'jest.config.js': `module.exports = { testEnvironment: 'node', transform: {}, setupFilesAfterEnv: ['@steadfast/rejections/jest'] }\n`,
    'steadfast.config.js': `module.exports = { rejections: ${options} }\n`,
    'options.test.js': `${JEST_HEADER}${tests}`,
  }
}

const CULPRITS = `
test('ignored by message', async () => {
  Promise.reject(new Error('ECONNRESET from a flaky upstream'))
  await sleep(20)
})
test('ignored by class name', async () => {
  class AbortError extends Error { name = 'AbortError' }
  Promise.reject(new AbortError('aborted'))
  await sleep(20)
})
test('not ignored', async () => {
  Promise.reject(new Error('real bug'))
  await sleep(20)
})
`

describe.concurrent.each(RUNNERS)('@steadfast/rejections options in %s', (runner) => {
  test('ignore rules let matching errors through, by message pattern and by class name', async () => {
    const run = await runFixture({
      runner,
      files: project(runner, `{ ignore: [/ECONNRESET/, { name: 'AbortError' }] }`, CULPRITS),
    })
    expect(run.states()).toEqual({
      'ignored by message': 'passed',
      'ignored by class name': 'passed',
      'not ignored': 'failed',
    })
  })

  test("mode 'warn' prints each error and fails nothing", async () => {
    const run = await runFixture({ runner, files: project(runner, `{ mode: 'warn' }`, CULPRITS) })
    expect(run.states()).toEqual({
      'ignored by message': 'passed',
      'ignored by class name': 'passed',
      'not ignored': 'passed',
    })
    expect(run.exitCode).toBe(0)
    expect(`${run.stdout}\n${run.stderr}`).toMatch(
      /\[steadfast\/rejections\] Unhandled rejection from test "not ignored": Error: real bug/,
    )
  })

  test('a bad option fails the run before any test, naming the option, the value and the fix', async () => {
    const run = await runFixture({ runner, files: project(runner, `{ leaks: 'sometimes' }`, CULPRITS) })
    expect(run.exitCode).not.toBe(0)
    expect(run.report.tests.filter((t) => t.state === 'passed')).toEqual([])
    expect(`${run.stdout}\n${run.stderr}`).toMatch(
      /@steadfast\/rejections option "leaks": expected one of "off" \| "warn" \| "fail", got "sometimes"/,
    )
  })

  test("the user's own unhandledRejection listener still hears every rejection", async () => {
    const tests = `
const heard = []
const { parentProcess } = Object.getOwnPropertySymbols(globalThis)
  .map((s) => globalThis[s]).find((v) => v && v.parentProcess) ?? { parentProcess: process }
parentProcess.on('unhandledRejection', (error) => heard.push(error.message))
test('culprit', async () => {
  Promise.reject(new Error('heard by both'))
  await sleep(20)
})
test('the listener heard it', () => {
  if (heard.join() !== 'heard by both') throw new Error('heard: ' + heard.join())
})
`
    const run = await runFixture({ runner, files: project(runner, '{}', tests) })
    expect(run.states()).toEqual({ culprit: 'failed', 'the listener heard it': 'passed' })
  })
})

describe.concurrent.each(JEST_RUNNERS)('@steadfast/rejections in %s with rootDir elsewhere', (runner) => {
  test('a Jest started outside its rootDir still files every error under rootDir', async () => {
    const run = await runFixture({
      runner,
      files: {
        'app/jest.config.js': `module.exports = { testEnvironment: 'node', transform: {}, setupFilesAfterEnv: ['@steadfast/rejections/jest'], reporters: ['default', '@steadfast/rejections/jest-reporter'] }\n`,
        'app/steadfast.config.json': JSON.stringify({ rejections: { dir: 'reports' } }),
        'app/culprit.test.js': `const { test } = require('@jest/globals')\ntest('culprit', async () => {\n  Promise.reject(new Error('boom-root'))\n  await new Promise((r) => setTimeout(r, 20))\n})\n`,
      },
      args: ['--config', 'app/jest.config.js'],
    })
    expect(run.states()).toEqual({ culprit: 'failed' })
    const artifact = JSON.parse(readFileSync(join(run.dir, 'app', 'reports', 'rejections.json'), 'utf8'))
    expect(artifact.records).toMatchObject([
      { file: 'culprit.test.js', owner: 'culprit', message: 'boom-root' },
    ])
    expect(existsSync(join(run.dir, 'reports'))).toBe(false)
  })
})
