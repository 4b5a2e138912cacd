import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { type FixtureRun, JEST_RUNNERS, type RunnerId, runFixture, VITEST_RUNNERS } from '../harness/index.js'
import { config, countsProject } from './_fixtures.js'

interface Kind {
  type: string
  code: string
  template: string
  origin: string
  count: number
  files: Record<string, number>
  tests: Record<string, number>
}

function artifact(run: FixtureRun): {
  total: number
  ignored: number
  kinds: Kind[]
  files: Record<string, number>
} {
  return JSON.parse(readFileSync(join(run.dir, '.steadfast', 'warnings.json'), 'utf8'))
}

const output = (run: FixtureRun): string => `${run.stdout}\n${run.stderr}`
const occurrences = (text: string, needle: string): number => text.split(needle).length - 1

/** What the counts project must give, whatever the runner and the pool. */
function expectKnownCounts(run: FixtureRun): void {
  expect(run.exitCode, output(run)).toBe(0)
  const { total, ignored, kinds, files } = artifact(run)
  expect(total).toBe(1783)
  expect(ignored).toBe(0)
  expect(files).toEqual({ 'noisy.test.js': 1280, 'other.test.js': 503 })
  const byType = Object.fromEntries(kinds.map((k) => [k.type, k]))
  expect(Object.keys(byType).sort()).toEqual([
    'CacheWarning',
    'DeprecationWarning',
    'MaxListenersExceededWarning',
    'console.warn',
  ])
  expect(byType.DeprecationWarning).toMatchObject({
    code: 'DEP_LEGACY',
    template: 'oldApi() called for item <n>; use newApi()',
    origin: 'src/legacy.js:2:11',
    count: 1500,
    files: { 'noisy.test.js': 1000, 'other.test.js': 500 },
    tests: {
      'noisy.test.js > noisy > calls the old api': 1000,
      'other.test.js > calls the old api too': 500,
    },
  })
  expect(byType.CacheWarning).toMatchObject({
    template: 'cache miss for "<str>" after <n> ms',
    count: 250,
    tests: { 'noisy.test.js > noisy > misses the cache': 250 },
  })
  expect(byType['console.warn']).toMatchObject({ template: 'slow query: <n> ms', count: 30 })
  expect(byType.MaxListenersExceededWarning).toMatchObject({
    count: 3,
    origin: expect.stringMatching(/^other\.test\.js:12:/),
  })
  // The total line and the ranked table.
  expect(run.stdout).toContain(
    '@steadfast/warnings: 1783 warnings of 4 kinds from 2 files; 0 ignored by rules',
  )
  const ranked = [...run.stdout.matchAll(/^ +(\d+) {2}([^\s:]+)/gm)].map((m) => `${m[1]} ${m[2]}`)
  expect(ranked).toEqual([
    '1500 DeprecationWarning',
    '250 CacheWarning',
    '30 console.warn',
    '3 MaxListenersExceededWarning',
  ])
}

/** The first occurrence of each kind is printed once, with its origin; Node prints none of them. */
function expectLiveOutputOnce(run: FixtureRun): void {
  const text = output(run)
  expect(
    occurrences(
      text,
      '[steadfast/warnings] DeprecationWarning DEP_LEGACY: oldApi() called for item 0; use newApi()',
    ),
  ).toBe(1)
  expect(occurrences(text, '[steadfast/warnings] DeprecationWarning')).toBe(1)
  expect(occurrences(text, '    at src/legacy.js:2:11 (first of its kind; repeats are only counted)')).toBe(1)
  expect(occurrences(text, '[steadfast/warnings] CacheWarning: cache miss for "key-0" after 0 ms')).toBe(1)
  expect(occurrences(text, '[steadfast/warnings] console.warn: slow query: 100 ms')).toBe(1)
  expect(occurrences(text, '[steadfast/warnings] MaxListenersExceededWarning')).toBe(1)
  // Node's own printer says "(node:<pid>) [CODE] Type: message"; the console would say the message.
  expect(text).not.toMatch(/\(node:\d+\)/)
  expect(text).not.toContain('oldApi() called for item 1;')
  expect(text).not.toContain('slow query: 101 ms')
}

describe.concurrent.each([
  ['vitest4', []],
  ['vitest4', ['--pool=threads']],
  ['vitest4', ['--pool=vmThreads']],
  ['vitest4', ['--pool=forks']],
  ['jest30', ['-w', '2']],
  ['jest30', ['--runInBand']],
] as Array<[RunnerId, string[]]>)('the summary of %s %j', (runner, args) => {
  test('counts every warning exactly, by kind, file and test', async () => {
    const run = await runFixture({ runner, files: countsProject(runner.startsWith('vitest')), args })
    expectKnownCounts(run)
    expectLiveOutputOnce(run)
  })
})

describe.concurrent.each([...VITEST_RUNNERS, ...JEST_RUNNERS])('@steadfast/warnings on %s', (runner) => {
  test('counts, prints each kind once and silences Node', async () => {
    const run = await runFixture({ runner, files: countsProject(runner.startsWith('vitest')) })
    expectKnownCounts(run)
    expectLiveOutputOnce(run)
  })
})

// A file's own afterAll runs before the part's: what it emits counts for the file, and the
// part's afterAll still sees the file's last warnings (Jest runs afterAll hooks in the order
// registered, Vitest last registered first; core puts the parts' after the file's in both).
describe.concurrent.each(['vitest4', 'jest29', 'jest30'] as const)('a file afterAll in %s', (runner) => {
  test("counts the warnings a file's own afterAll emits for that file", async () => {
    const vitest = runner.startsWith('vitest')
    const header = vitest
      ? `import { afterAll, test } from 'vitest'\n`
      : `const { afterAll, test } = require('@jest/globals')\n`
    const run = await runFixture({
      runner,
      files: {
        ...config(vitest),
        'late.test.js': `${header}
test('says nothing', () => {})

afterAll(() => {
  process.emitWarning('closing the pool took 12 ms', 'LateWarning')
})
`,
      },
    })
    expect(run.exitCode, output(run)).toBe(0)
    const { total, files, kinds } = artifact(run)
    expect(total).toBe(1)
    expect(files).toEqual({ 'late.test.js': 1 })
    expect(kinds).toEqual([
      expect.objectContaining({ type: 'LateWarning', count: 1, files: { 'late.test.js': 1 } }),
    ])
  })
})

describe.concurrent.each(['vitest4', 'jest30'] as const)('reporting in %s', (runner) => {
  test('appends the ranked table as Markdown to $GITHUB_STEP_SUMMARY', async () => {
    const run = await runFixture({
      runner,
      files: countsProject(runner.startsWith('vitest')),
      env: { GITHUB_STEP_SUMMARY: 'step-summary.md' },
    })
    expect(run.exitCode, output(run)).toBe(0)
    const markdown = readFileSync(join(run.dir, 'step-summary.md'), 'utf8')
    expect(markdown).toContain('### @steadfast/warnings')
    expect(markdown).toContain('1783 warnings of 4 kinds from 2 files; 0 ignored by rules')
    expect(markdown).toContain('| count | kind | template | top files | origin |')
    expect(markdown).toContain(
      '| 1500 | DeprecationWarning DEP_LEGACY | oldApi() called for item <n>; use newApi() | noisy.test.js (1000), other.test.js (500) | src/legacy.js:2:11 |',
    )
  })

  test("counts the main process's warnings (a global setup's, a reporter's) under (main process)", async () => {
    const vitest = runner.startsWith('vitest')
    const files = countsProject(vitest)
    if (vitest) {
      files['vitest.config.mjs'] = `import warnings from '@steadfast/warnings/vitest'
export default { plugins: [warnings()], test: { globalSetup: ['./early.mjs'] } }
`
      files['early.mjs'] = `export function setup() {
  for (let i = 0; i < 3; i++) process.emitWarning('starting service ' + i, 'SetupWarning')
}
`
    } else {
      // Jest runs its globalSetup before it makes the reporters: a reporter of the user's is the
      // main-process code that runs while the plugin is on.
      files['jest.config.js'] = files['jest.config.js']?.replace(
        "'@steadfast/warnings/jest-reporter']",
        "'@steadfast/warnings/jest-reporter', '<rootDir>/early.js']",
      ) as string
      files['early.js'] = `module.exports = class {
  onRunStart() {
    for (let i = 0; i < 3; i++) process.emitWarning('starting service ' + i, 'SetupWarning')
    return new Promise((resolve) => setImmediate(resolve))
  }
}
`
    }
    const run = await runFixture({ runner, files })
    expect(run.exitCode, output(run)).toBe(0)
    const { total, kinds } = artifact(run)
    expect(total).toBe(1786)
    expect(kinds.find((k) => k.type === 'SetupWarning')).toMatchObject({
      template: 'starting service <n>',
      count: 3,
      files: { '(main process)': 3 },
    })
    expect(occurrences(output(run), '[steadfast/warnings] SetupWarning: starting service 0')).toBe(1)
    expect(output(run)).not.toMatch(/\(node:\d+\)/)
  })

  test('reports a corrupt worker artifact by path and counts the rest', async () => {
    const vitest = runner.startsWith('vitest')
    const files = countsProject(vitest)
    // A worker's file cut short mid-run (a crash, a full disk), and one a previous run left.
    files['quiet.test.js'] =
      `${vitest ? "import { test } from 'vitest'\nimport { writeFileSync } from 'node:fs'" : "const { test } = require('@jest/globals')\nconst { writeFileSync } = require('node:fs')"}
test('says nothing', () => {
  writeFileSync('.steadfast/warnings-worker-crashed.json', '{"kind": "steadfast-warnings", "total": 12')
})
`
    files['.steadfast/warnings-worker-old.json'] = '{ half of a previous run'
    const run = await runFixture({ runner, files })
    expect(run.exitCode, output(run)).toBe(0)
    expect(run.stderr).toMatch(
      /\[steadfast\/warnings\] skipped a corrupt artifact \/.*\/\.steadfast\/warnings-worker-crashed\.json: not valid JSON/,
    )
    expect(output(run)).not.toContain('warnings-worker-old.json')
    expect(artifact(run).total).toBe(1783)
  })

  test('gives Node its printer back when the run is over', async () => {
    // A global setup (Vitest) or a reporter (Jest) of the user's that warns once the plugin has
    // finished: Node's own printer must print it, as without the plugin.
    const vitest = runner.startsWith('vitest')
    const files = countsProject(vitest)
    if (vitest) {
      files['vitest.config.mjs'] = `import warnings from '@steadfast/warnings/vitest'
export default { plugins: [warnings()], test: { globalSetup: ['./late.mjs'] } }
`
      files['late.mjs'] = `export function teardown() {
  process.emitWarning('after the run', 'LateWarning')
  return new Promise((resolve) => setTimeout(resolve, 50))
}
`
    } else {
      files['jest.config.js'] = files['jest.config.js']?.replace(
        "'@steadfast/warnings/jest-reporter']",
        "'@steadfast/warnings/jest-reporter', '<rootDir>/late.js']",
      ) as string
      files['late.js'] = `module.exports = class {
  onRunComplete() {
    process.emitWarning('after the run', 'LateWarning')
    return new Promise((resolve) => setTimeout(resolve, 50))
  }
}
`
    }
    const run = await runFixture({ runner, files })
    expect(run.exitCode, output(run)).toBe(0)
    expect(run.stderr).toMatch(/\(node:\d+\) LateWarning: after the run/)
    expect(occurrences(output(run), '(node:')).toBe(1)
  })
})

/** A file that floods, and says whether its `process.emitWarning` was the plugin's direct delivery. */
const floodFile = (
  vitest: boolean,
): string => `${vitest ? "import { test } from 'vitest'\nimport { writeFileSync } from 'node:fs'\n" : "const { test } = require('@jest/globals')\nconst { writeFileSync } = require('node:fs')\n"}
test('floods', () => {
  const direct = process.emitWarning[Symbol.for('steadfast.warnings.emitWarning')] === true
  writeFileSync('direct.json', JSON.stringify({ direct }))
  for (let i = 0; i < 100; i++) process.emitWarning('flood ' + i, 'FloodWarning')
})
`

describe.concurrent.each([
  ['vitest4', [], true],
  ['vitest4', ['--pool=threads'], true],
  // A vm pool loads the plugin in a realm of its own: Node delivers there (docs/warnings.md).
  ['vitest4', ['--pool=vmThreads'], false],
  ['jest30', ['--runInBand'], true],
  ['jest30', ['-w', '2'], true],
] as Array<[RunnerId, string[], boolean]>)('a flood in %s %j', (runner, args, direct) => {
  test(`each warning ${direct ? 'skips' : 'goes through'} Node's Error, and all are counted`, async () => {
    const vitest = runner.startsWith('vitest')
    const run = await runFixture({
      runner,
      files: { ...config(vitest), 'flood.test.js': floodFile(vitest), 'other.test.js': floodFile(vitest) },
      args,
    })
    expect(run.exitCode, output(run)).toBe(0)
    expect(JSON.parse(readFileSync(join(run.dir, 'direct.json'), 'utf8'))).toEqual({ direct })
    expect(output(run)).toContain('@steadfast/warnings: 200 warnings of 1 kind from 2 files')
  })
})
