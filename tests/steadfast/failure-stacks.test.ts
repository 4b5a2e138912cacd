// With everything on, a user's failure reads as it does without Steadfast: no frame of ours in the
// stack of a failing test, a failing hook, an afterAll or a rejection the test left unhandled (the
// one the rejections part reports), nor in where Jest says a console line came
// from (issue 13, item 2), a notice of ours included, nor in a stack the test's own code captures
// and prints (issue 26, item 2), in every Jest
// configuration docs/ shows. Jest prints every frame outside its own packages, so a wrapper of
// ours that runs the test would show in each.
import { describe, expect, test } from 'vitest'
import { type RunnerId, runFixture } from '../harness/index.js'

/** A frame in any of our built packages, as the fixture installs them (Jest prints it relative). */
const OUR_FRAME = /^\s+at .*\bnode_modules\/(@steadfast\/[\w-]+|steadfast)\/dist\//m

const BODY = `
describe('a block', () => {
  beforeEach(function throwsInHook() {
    if (process.env.NEVER) throw new Error('never')
  })
  test('fails its expect', function failsItsExpect() {
    console.log('a log line')
    expect(1).toBe(2)
  })
  test('throws', async function throwsAfterAwait() {
    await null
    throw new Error('thrown by the test')
  })
  test('leaves a rejection', async function leavesARejection() {
    Promise.reject(new Error('left unhandled'))
    await new Promise((resolve) => setTimeout(resolve, 5))
  })
  // A library that prints where it was called from (moment's deprecation warning does).
  test('prints a stack it captures', function printsAStack() {
    console.log('captured: ' + new Error('where am I').stack)
  })
})
describe('a hook fails', () => {
  beforeEach(function hookThrows() {
    throw new Error('thrown by beforeEach')
  })
  test('never runs', () => {})
})
afterAll(function afterAllThrows() {
  throw new Error('thrown by afterAll')
})
`

/** How a Jest project turns Steadfast on, as docs/ shows each. */
const JEST_CONFIGS = {
  withSteadfast:
    "const { withSteadfast } = require('steadfast/jest')\nmodule.exports = withSteadfast({ testEnvironment: 'node', transform: {} })\n",
  preset: "module.exports = { preset: 'steadfast', testEnvironment: 'node', transform: {} }\n",
  'setup file alone':
    "module.exports = { testEnvironment: 'node', transform: {}, setupFilesAfterEnv: ['@steadfast/rejections/jest'] }\n",
}
type JestConfig = keyof typeof JEST_CONFIGS

function fixture(runner: RunnerId, config: JestConfig = 'withSteadfast'): Record<string, string> {
  if (runner.startsWith('vitest'))
    return {
      'package.json': JSON.stringify({ name: 'fixture', private: true, type: 'module' }),
      'vitest.config.js':
        "import steadfast from 'steadfast/vitest'\nexport default { plugins: [steadfast()] }\n",
      'stacks.test.js': `import { afterAll, beforeEach, describe, expect, test } from 'vitest'\n${BODY}`,
    }
  return {
    'package.json': JSON.stringify({ name: 'fixture', private: true }),
    'jest.config.js': JEST_CONFIGS[config],
    'stacks.test.js': BODY,
  }
}

describe.concurrent('failure stacks with everything on', () => {
  const cells: Array<[RunnerId, JestConfig | undefined]> = [
    ['vitest4', undefined],
    ...(['jest29', 'jest30'] as const).flatMap((runner) =>
      (Object.keys(JEST_CONFIGS) as JestConfig[]).map((config): [RunnerId, JestConfig] => [runner, config]),
    ),
  ]
  for (const [runner, config] of cells) {
    test(`${runner}${config ? ` (${config})` : ''}: the user's frames, none of ours`, async () => {
      const run = await runFixture({ runner, files: fixture(runner, config) })
      const output = run.stdout + run.stderr
      expect(run.exitCode, output).toBe(1)
      for (const message of [
        'thrown by the test',
        'thrown by beforeEach',
        'thrown by afterAll',
        'left unhandled',
        // Our own notice, printed through the test file's console in Jest.
        '[steadfast/rejections] Unhandled rejection from test',
        'captured: Error: where am I',
      ])
        expect(output).toContain(message)
      // The user's own frames are there: the stacks were not emptied.
      expect(output).toMatch(/stacks\.test\.js:\d+:\d+/)
      expect(output).toContain('a log line')
      expect(OUR_FRAME.exec(output)?.[0], output).toBeUndefined()
      if (runner.startsWith('jest')) {
        // Jest says where a console line came from: the test, not a wrapper.
        expect(output).toMatch(/a log line\s+at [^\n]*stacks\.test\.js:7:\d+/)
      }
    })
  }
})
