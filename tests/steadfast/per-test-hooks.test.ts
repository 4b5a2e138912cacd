// A deterministic guard of the per-test cost in Jest: with everything on, no part adds a
// `beforeEach` or `afterEach` of its own (each costs circus two events and a timeout race a test);
// they follow tests through circus's event handlers (docs/design/overhead.md). Counted against the
// same file without Steadfast (Jest has a beforeEach of its own). Jest 29 keeps those handlers out
// of reach: there rejections' afterEach and warnings' pair are expected, and still judge the test.
import { describe, expect, test } from 'vitest'
import { runFixture } from '../harness/index.js'

const CONFIG =
  "const { withSteadfast } = require('steadfast/jest')\nmodule.exports = withSteadfast({ testEnvironment: 'node', transform: {} })\n"
// Reads circus's root hooks from inside a test: the setup files registered theirs before the file ran.
const TEST = `
const key = Object.getOwnPropertySymbols(globalThis).find((s) => s.description === 'JEST_STATE_SYMBOL')
const root = globalThis[key].rootDescribeBlock
test('counts the per-test hooks', () => {
  const perTest = root.hooks.filter((h) => h.type === 'beforeEach' || h.type === 'afterEach')
  console.log('PER-TEST HOOKS ' + perTest.length)
})
test('an un-awaited rejection still fails its own test', async () => {
  Promise.reject(new Error('left unhandled'))
  await new Promise((resolve) => setTimeout(resolve, 5))
})
`

const PLAIN = "module.exports = { testEnvironment: 'node', transform: {} }\n"
const perTestHooks = (output: string): number =>
  Number(/PER-TEST HOOKS (\d+)/.exec(output)?.[1] ?? Number.NaN)

describe.concurrent('per-test hooks with everything on', () => {
  for (const [runner, ours] of [
    ['jest30', 0],
    ['jest30-node24', 0],
    ['jest29', 3],
  ] as const) {
    test(`${runner}: ${ours} of ours, and the test that left a rejection fails`, async () => {
      const files = {
        'package.json': JSON.stringify({ name: 'fixture', private: true }),
        'hooks.test.js': TEST,
      }
      const [plain, run] = await Promise.all([
        runFixture({ runner, files: { ...files, 'jest.config.js': PLAIN } }),
        runFixture({ runner, files: { ...files, 'jest.config.js': CONFIG } }),
      ])
      const output = run.stdout + run.stderr
      expect(perTestHooks(output) - perTestHooks(plain.stdout + plain.stderr), output).toBe(ours)
      expect(run.exitCode, output).toBe(1)
      expect(run.states()).toEqual({
        'counts the per-test hooks': 'passed',
        'an un-awaited rejection still fails its own test': 'failed',
      })
      expect(output).toContain('left unhandled')
    })
  }
})
