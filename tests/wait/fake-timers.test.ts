import { describe, expect, test } from 'vitest'
import { type FixtureRun, JEST_RUNNERS, runFixture, VITEST_RUNNERS } from '../harness/index.js'
import { type FakeMode, waitSuite } from './_suite.js'

const SCENARIOS = [
  'realSleep waits real time',
  'realNow moves while the fake clock stands still',
  'waitFor polls on the real clock and resolves with the truthy value',
  'waitFor times out with a WaitTimeoutError that names the wait and the caller',
  'Event.wait wakes on set and times out in real time',
  'waitForEvent resolves with the first accepted event',
  'withTimeout rejects a promise that never settles, in real time',
  'an aborted wait rejects with the reason and stops at once',
]

function expectAllPassed(run: FixtureRun, modes: FakeMode[]): void {
  const expected = Object.fromEntries(
    modes.flatMap((mode) => SCENARIOS.map((scenario) => [`${mode.name} > ${scenario}`, 'passed'])),
  )
  const failures = run.report.tests.filter((t) => t.state !== 'passed')
  expect(failures.map((t) => `${t.fullName}\n${t.errors.join('\n')}`)).toEqual([])
  expect(run.states()).toEqual(expected)
  expect(run.exitCode).toBe(0)
}

/** The suite passed, and so did the fixture's own check that the fakes were in place before it. */
function expectPassedWithFakesFirst(run: FixtureRun, fakesCheck: string): void {
  expect(run.test(fakesCheck).state).toBe('passed')
  const rest = run.report.tests.filter((t) => t.fullName !== fakesCheck)
  expect(
    rest.filter((t) => t.state !== 'passed').map((t) => `${t.fullName}\n${t.errors.join('\n')}`),
  ).toEqual([])
  expect(rest).toHaveLength(SCENARIOS.length)
  expect(run.exitCode).toBe(0)
}

const VITEST_IMPORTS = `import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import FakeTimers from '@sinonjs/fake-timers'
import { Event, realNow, realSleep, waitFor, waitForEvent, withTimeout, WaitTimeoutError } from '@steadfast/wait'
import { EventEmitter } from 'node:events'
import { performance as perfHooks } from 'node:perf_hooks'
let clock`

const EVERY_VITEST_FAKE = [
  'setTimeout',
  'clearTimeout',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'Date',
  'performance',
  'hrtime',
  'queueMicrotask',
]

// sinon's default install also fakes process.nextTick, which hangs Vitest's forks pool (Vitest
// forbids it there): users fake everything else, and so do we.
const SINON_IN_VITEST = `FakeTimers.install({ toFake: ${JSON.stringify(EVERY_VITEST_FAKE)} })`

const VITEST_MODES: FakeMode[] = [
  {
    name: 'vi.useFakeTimers()',
    install: 'vi.useFakeTimers()',
    restore: 'vi.useRealTimers()',
    fakesDate: true,
  },
  {
    name: 'vi.useFakeTimers every timer',
    install: `vi.useFakeTimers({ toFake: ${JSON.stringify(EVERY_VITEST_FAKE)} })`,
    restore: 'vi.useRealTimers()',
    fakesDate: true,
  },
  {
    name: '@sinonjs/fake-timers install()',
    install: `clock = ${SINON_IN_VITEST}`,
    restore: 'clock.uninstall()',
    fakesDate: true,
  },
]

describe.concurrent.each(VITEST_RUNNERS)('@steadfast/wait under fake timers in %s', (runner) => {
  test('every wait runs on the real clock, whichever fakes a test installs', async () => {
    const run = await runFixture({
      runner,
      link: ['@sinonjs/fake-timers'],
      files: { 'wait.test.js': waitSuite(VITEST_IMPORTS, VITEST_MODES) },
    })
    expectAllPassed(run, VITEST_MODES)
  })

  test('waits stay real when sinon faked every timer, node:timers included, before the package loaded', async () => {
    const modes: FakeMode[] = [{ name: 'faked before import', install: '', restore: '', fakesDate: true }]
    const run = await runFixture({
      runner,
      link: ['@sinonjs/fake-timers'],
      files: {
        // A setup file runs before the test file imports @steadfast/wait: the package captures fakes.
        'setup.js': `import FakeTimers from '@sinonjs/fake-timers'\nglobalThis.__clock = ${SINON_IN_VITEST}\n`,
        'vitest.config.mjs': `export default { test: { setupFiles: ['./setup.js'] } }\n`,
        'wait.test.js': waitSuite(
          `${VITEST_IMPORTS}
import timers from 'node:timers'
test('the fakes really are installed, node:timers included', () => {
  expect(setTimeout.clock).toBeDefined()
  expect(timers.setTimeout.clock).toBeDefined()
})`,
          modes,
        ),
      },
    })
    expectPassedWithFakesFirst(run, 'the fakes really are installed, node:timers included')
  })
})

const JEST_IMPORTS = `const { afterEach, beforeEach, describe, expect, test } = require('@jest/globals')
const { Event, realNow, realSleep, waitFor, waitForEvent, withTimeout, WaitTimeoutError } = require('@steadfast/wait')
const FakeTimers = require('@sinonjs/fake-timers')
const { EventEmitter } = require('node:events')
const { performance: perfHooks } = require('node:perf_hooks')
let clock`

const JEST_MODES: FakeMode[] = [
  {
    name: 'jest.useFakeTimers() (modern)',
    install: 'jest.useFakeTimers()',
    restore: 'jest.useRealTimers()',
    fakesDate: true,
  },
  {
    name: 'jest.useFakeTimers legacy',
    install: 'jest.useFakeTimers({ legacyFakeTimers: true })',
    restore: 'jest.useRealTimers()',
    fakesDate: false,
  },
  {
    name: '@sinonjs/fake-timers install()',
    install: 'clock = FakeTimers.install()',
    restore: 'clock.uninstall()',
    fakesDate: true,
  },
]

describe.concurrent.each(JEST_RUNNERS)('@steadfast/wait under fake timers in %s', (runner) => {
  test('every wait runs on the real clock, whichever fakes a test installs', async () => {
    const run = await runFixture({
      runner,
      link: ['@sinonjs/fake-timers'],
      files: { 'wait.test.js': waitSuite(JEST_IMPORTS, JEST_MODES) },
    })
    expectAllPassed(run, JEST_MODES)
  })

  test.each([
    ['modern', '{ enableGlobally: true }', true],
    ['legacy', '{ enableGlobally: true, legacyFakeTimers: true }', false],
  ])(
    'waits stay real when the config enables %s fakes before the package loads',
    async (flavour, config, fakesDate) => {
      const modes: FakeMode[] = [{ name: `config ${flavour}`, install: '', restore: '', fakesDate }]
      const run = await runFixture({
        runner,
        link: ['@sinonjs/fake-timers'],
        files: {
          'jest.config.js': `module.exports = { testEnvironment: 'node', transform: {}, fakeTimers: ${config} }\n`,
          'wait.test.js': waitSuite(
            `${JEST_IMPORTS}
test('the fakes really are installed', () => {
  expect(jest.isMockFunction(setTimeout) || setTimeout.clock !== undefined).toBe(true)
})`,
            modes,
          ),
        },
      })
      expectPassedWithFakesFirst(run, 'the fakes really are installed')
    },
  )
})
