// Core's seam, on every runner of the matrix: each private internal Steadfast uses is a named
// capability (packages/core/src/capabilities.ts, docs/design/capabilities.md). A runner or Node
// release that moves one fails here by the capability's name, not by a symptom somewhere else; and
// with every capability forced to its fallback, the run still fails what it should.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { type FixtureRun, JEST_RUNNERS, type RunnerId, runFixture, VITEST_RUNNERS } from '../harness/index.js'

/** A file that asks for every capability: a warning, a server left listening, an un-awaited rejection. */
const SUITE = (header: string): string => `${header}
const { createServer } = require('node:net')
let server
afterAll(() => new Promise((resolve) => server.close(resolve)))
test('warns', () => {
  process.emitWarning('the seam flag is deprecated', 'DeprecationWarning', 'DEP_SEAM')
})
test('leaves a server listening', async () => {
  server = createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
})
test('culprit', async () => {
  Promise.reject(new Error('boom-seam'))
  await new Promise((resolve) => setTimeout(resolve, 30))
})
test('innocent', () => {
  expect(1).toBe(1)
})
`

const VITEST_FILES = {
  'vitest.config.mjs': `import steadfast from 'steadfast/vitest'\nexport default { plugins: [steadfast()] }\n`,
  'seam.test.js': SUITE(
    "import { createRequire } from 'node:module'\nimport { afterAll, expect, test } from 'vitest'\nconst require = createRequire(import.meta.url)",
  ),
}
const JEST_FILES = {
  'jest.config.js': `const { withSteadfast } = require('steadfast/jest')\nmodule.exports = withSteadfast({ testEnvironment: 'node', transform: {} })\n`,
  'seam.test.js': SUITE("const { afterAll, expect, test } = require('@jest/globals')"),
}

/** What each runner version must give: held, or not offered by that version (by design). */
function expected(runner: RunnerId): Record<string, 'held' | 'not offered'> {
  const node = {
    'node.warningPrinter': 'held',
    'node.handleOwner': 'held',
    'node.handleState': 'held',
  } as const
  if (runner.startsWith('vitest'))
    return {
      ...node,
      'vitest.worker': 'held',
      // Vitest 3.2 exports no runner class: its hooks are the design there.
      'vitest.taskHooks': runner === 'vitest3' ? 'not offered' : 'held',
      'vitest.suiteHooks': 'held',
      'vitest.safeTimers': 'held',
      'vitest.processListeners': 'held',
    }
  return {
    ...node,
    'jest.circusState': 'held',
    'jest.calls': 'held',
    // Jest 29 keeps circus's event handlers out of reach: hooks are the design there.
    'jest.eventHandlers': runner === 'jest29' ? 'not offered' : 'held',
    'jest.rootHooks': 'held',
  }
}

/** Each capability the run's processes asked for, with every outcome they had. */
function outcomes(run: FixtureRun): Record<string, string[]> {
  const file = join(run.dir, 'capabilities.log')
  const found: Record<string, string[]> = {}
  if (!existsSync(file)) return found
  for (const line of readFileSync(file, 'utf8').trim().split('\n')) {
    const [, key, ...outcome] = line.split(' ')
    if (!key) continue
    const list = found[key] ?? []
    const value = outcome.join(' ')
    if (!list.includes(value)) list.push(value)
    found[key] = list
  }
  return found
}

function seamRun(runner: RunnerId, env: Record<string, string> = {}): Promise<FixtureRun> {
  return runFixture({
    runner,
    files: runner.startsWith('vitest') ? VITEST_FILES : JEST_FILES,
    env: { STEADFAST_CAPABILITIES_LOG: 'capabilities.log', ...env },
  })
}

describe.concurrent('core seam', () => {
  test.each([...VITEST_RUNNERS, ...JEST_RUNNERS])('every capability holds on %s', async (runner) => {
    const run = await seamRun(runner)
    const output = `${run.stdout}\n${run.stderr}`
    // The run is what it is without the seam in question: the culprit fails, named; the rest pass.
    expect(run.exitCode, output).toBe(1)
    expect(run.test('culprit').state, output).toBe('failed')
    expect(run.test('innocent').state, output).toBe('passed')
    expect(run.test('warns').state, output).toBe('passed')
    const want = expected(runner)
    expect(outcomes(run), output).toEqual(Object.fromEntries(Object.entries(want).map(([k, v]) => [k, [v]])))
    expect(output).not.toContain('going on without it')
  })

  test.each(['vitest4', 'jest30'] as const)(
    'with every capability forced to its fallback, %s still fails the culprit and says what is less exact',
    async (runner) => {
      const run = await seamRun(runner, { STEADFAST_FALLBACK: 'all' })
      const output = `${run.stdout}\n${run.stderr}`
      expect(run.exitCode, output).toBe(1)
      // The un-awaited rejection still fails the run, by its message, and nothing else does.
      expect(output).toContain('boom-seam')
      expect(run.test('innocent').state, output).toBe('passed')
      expect(run.test('warns').state, output).toBe('passed')
      // The warning is still counted (the capture does not need Node's printer gone).
      expect(output).toMatch(/DeprecationWarning DEP_SEAM/)
      // Every capability the run asked for fell back (one that circus's state leads to, such as
      // a leaked server's owner, is not asked at all without it), each said in one line that names
      // the runner and what is less exact.
      const found = outcomes(run)
      const want = expected(runner)
      const asked = Object.keys(found)
      for (const key of asked) expect(Object.keys(want), output).toContain(key)
      for (const key of [
        'node.warningPrinter',
        ...(runner === 'vitest4'
          ? [
              'vitest.worker',
              'vitest.taskHooks',
              'vitest.suiteHooks',
              'vitest.safeTimers',
              'vitest.processListeners',
            ]
          : ['jest.circusState']),
      ])
        expect(found[key], `${key}\n${output}`).toEqual(['fell back'])
      const lines = output.split('\n').filter((line) => line.includes('going on without it'))
      expect(new Set(lines.map((line) => line.trim())).size, lines.join('\n')).toBe(
        asked.filter((key) => found[key]?.includes('fell back')).length,
      )
      expect(lines.join('\n')).toMatch(
        runner === 'vitest4'
          ? /\[steadfast\] Vitest 4\.\d+\.\d+: cannot /
          : /\[steadfast\] Jest 30\.\d+\.\d+: cannot /,
      )
    },
  )
})
