// Steadfast's own faults never cost the user's run (core's ownFault.ts): a fault injected where no
// user code runs (STEADFAST_FAULT=<part>:<place>) is named as Steadfast's, with the fix, and the
// user's failing test still fails, named, while the rest pass. On both runners.
import { describe, expect, test } from 'vitest'
import { type FixtureRun, runFixture } from '../harness/index.js'

const SUITE = (header: string): string => `${header}
test('culprit', async () => {
  Promise.reject(new Error('boom-own-fault'))
  await new Promise((resolve) => setTimeout(resolve, 30))
})
test('fails on its own', () => {
  expect(1).toBe(2)
})
test('fine', () => {})
`
const FILES = {
  vitest: {
    'vitest.config.mjs': `import steadfast from 'steadfast/vitest'\nexport default { plugins: [steadfast()] }\n`,
    'suite.test.js': SUITE("import { expect, test } from 'vitest'"),
  },
  jest: {
    'jest.config.js': `const { withSteadfast } = require('steadfast/jest')\nmodule.exports = withSteadfast({ testEnvironment: 'node', transform: {} })\n`,
    'suite.test.js': SUITE("const { expect, test } = require('@jest/globals')"),
  },
}

const OWN_FAULT =
  /\[steadfast\] Steadfast's own fault, not your tests': (@steadfast\/\w+|steadfast) failed [^(]+\(Error: injected fault at [\w:]+ \(STEADFAST_FAULT\).*\)\. The run goes on without it there\. Fix: /

function run(runner: 'vitest4' | 'jest30', fault: string): Promise<FixtureRun> {
  return runFixture({
    runner,
    files: runner === 'vitest4' ? FILES.vitest : FILES.jest,
    env: { STEADFAST_FAULT: fault },
  })
}

/** What every fault leaves as it was: the run fails, for the user's own failing test at least. */
function expectUserFailuresStand(result: FixtureRun): string {
  const output = `${result.stdout}\n${result.stderr}`
  expect(result.exitCode, output).toBe(1)
  expect(result.test('fails on its own').state, output).toBe('failed')
  expect(result.test('fine').state, output).toBe('passed')
  return output
}

describe.concurrent.each(['vitest4', 'jest30'] as const)('a fault of Steadfast itself, in %s', (runner) => {
  test("in a part's runtime as a test file is set up: that part sits the file out, the others still fail the culprit", async () => {
    // warnings' runtime fails to install; rejections' still runs and fails the culprit.
    const result = await run(runner, 'warnings:runtime')
    const output = expectUserFailuresStand(result)
    expect(result.test('culprit').state, output).toBe('failed')
    expect(output).toMatch(OWN_FAULT)
    expect(output).toMatch(/@steadfast\/warnings failed to install in this test file/)
    expect(output).toMatch(/turn it off with \{ warnings: false \}/)
  })

  test('in the listener that hears an unhandled error: the error is handed on, never lost', async () => {
    const result = await run(runner, 'rejections:listener')
    const output = expectUserFailuresStand(result)
    expect(output).toMatch(/@steadfast\/rejections failed while hearing an unhandled error/)
    // The runner reports the user's error itself: it is not lost.
    expect(output).toContain('boom-own-fault')
  })

  test("at a part's end of the run: the part's report is lost, the run's verdict stands", async () => {
    const result = await run(runner, 'rejections:end')
    const output = expectUserFailuresStand(result)
    expect(result.test('culprit').state, output).toBe('failed')
    expect(output).toMatch(/@steadfast\/rejections failed at the end of the run/)
  })

  test('in the combined report: the parts report, the run fails as it should', async () => {
    const result = await run(runner, runner === 'vitest4' ? 'steadfast:end' : 'steadfast:report')
    const output = expectUserFailuresStand(result)
    expect(result.test('culprit').state, output).toBe('failed')
    expect(output).toMatch(/steadfast failed (at the end of the run|to write the combined report)/)
    expect(output).toContain('@steadfast/rejections: 1 unhandled error')
  })
})
