import { randomBytes } from 'node:crypto'
import { readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { type FixtureRun, JEST_RUNNERS, runFixture, runNodeScript, VITEST_RUNNERS } from '../harness/index.js'
import { WORK } from '../perf/_fixtures.js'

const CULPRIT_TESTS = (header: string): string => `${header}
test('culprit', async () => {
  Promise.reject(new Error('boom-umbrella'))
  await new Promise((resolve) => setTimeout(resolve, 30))
})

test('innocent', async () => {
  process.emitWarning('the umbrella flag is deprecated', 'DeprecationWarning', 'DEP_UMBRELLA')
  await new Promise((resolve) => setTimeout(resolve, 30))
})
`
const VITEST_TESTS = CULPRIT_TESTS("import { test } from 'vitest'")
const JEST_TESTS = CULPRIT_TESTS("const { test } = require('@jest/globals')")
// A perf gate on work with a 10x difference: the matchers are there, and the verdict holds on any
// machine, fast or loaded. The limit (1.0) is then more than 3x looser than measured, so the gate
// passes with LOOSE_LIMIT and perf shows as warned (!). A 2x difference passed as SATISFIED or as
// INCONCLUSIVE, by how busy the machine was: no test may depend on that.
const GATE = `${WORK}
const tenfold = () => work(800)
test('a 10x faster function passes its gate', async () => {
  await expect(tenfold).toBeFasterThan(slow)
}, 60_000)
`
const VITEST_GATE = `import { expect, test } from 'vitest'\n${GATE}`
// The engine, required from a Jest test file through the umbrella (tinybench is an ES module that
// Jest's registry cannot load: the engine loads it with Node's own require).
const JEST_GATE = `const { expect, test } = require('@jest/globals')
const { compare } = require('steadfast')
${GATE}
test('compare() from steadfast measures in a Jest test file', async () => {
  const { estimate } = await compare(tenfold, slow)
  expect(estimate).toBeLessThan(0.8)
}, 60_000)
`
const JEST_PRESET = `module.exports = { preset: 'steadfast', testEnvironment: 'node', transform: {} }\n`
const ALL_ON = { culprit: 'failed', innocent: 'passed', 'a 10x faster function passes its gate': 'passed' }
const ALL_ON_JEST = { ...ALL_ON, 'compare() from steadfast measures in a Jest test file': 'passed' }

/** A file for `$GITHUB_STEP_SUMMARY`, outside the fixture, as on a CI runner. */
function stepSummaryFile(): { file: string; read: () => string } {
  const file = join(tmpdir(), `steadfast-step-summary-${randomBytes(6).toString('hex')}.md`)
  return {
    file,
    read: () => {
      const text = readFileSync(file, 'utf8')
      rmSync(file, { force: true })
      return text
    },
  }
}

const count = (text: string, part: string): number => text.split(part).length - 1

/**
 * The combined end-of-run report of a run with every part on (one unhandled error, one warning,
 * one passing gate): printed once, after the parts' details, and written as JSON, Markdown and HTML.
 */
function expectCombinedReport(run: FixtureRun, runnerName: 'Vitest' | 'Jest', summary: string): void {
  const output = `${run.stdout}\n${run.stderr}`
  const overview = output.indexOf(`Steadfast (${runnerName}): a part failed the run`)
  expect(overview, output).toBeGreaterThan(-1)
  expect(output.slice(overview)).toMatch(
    /✗ rejections {2}1 unhandled error \(1 failed a test or file\)\n {2}! warnings {4}1 warning of 1 kind from 1 file; 0 ignored by rules\n {2}✓ respawn {5}no process died or failed its check\n {2}! perf {8}\d gates?, 0 failed, mode PR\n {2}report: \.steadfast\/steadfast-report\.html \(also steadfast-report\.json, steadfast-report\.md\); perf plots: \.steadfast\/perf\.html/,
  )
  // Each part's details once, above the overview.
  for (const detail of ['@steadfast/rejections: 1 unhandled error in 1 place', '@steadfast/perf: ']) {
    expect(count(output, detail), detail).toBe(1)
    expect(output.indexOf(detail)).toBeLessThan(overview)
  }

  const dir = join(run.dir, '.steadfast')
  const json = JSON.parse(readFileSync(join(dir, 'steadfast-report.json'), 'utf8'))
  expect(json).toMatchObject({
    kind: 'steadfast-report',
    version: 1,
    runner: runnerName,
    status: 'failed',
    missing: [],
  })
  expect(Object.keys(json.parts)).toEqual(['rejections', 'warnings', 'respawn', 'perf'])
  expect(json.parts.rejections).toMatchObject({
    status: 'failed',
    counts: { errors: 1, leaks: 0, failing: 1 },
  })
  expect(json.parts.warnings).toMatchObject({ status: 'warned', counts: { warnings: 1, kinds: 1 } })
  expect(json.parts.perf).toMatchObject({ status: 'warned', counts: { failed: 0 } })
  expect(json.parts.perf.files.html).toBe(join(dir, 'perf.html'))

  const markdown = readFileSync(join(dir, 'steadfast-report.md'), 'utf8')
  expect(markdown).toContain(`## Steadfast (${runnerName})`)
  expect(markdown).toContain('| ✗ | rejections | 1 unhandled error (1 failed a test or file) |')
  // The job summary gets the combined section once, and no part appends its own beside it.
  expect(summary.trim()).toBe(markdown.trim())
  for (const heading of [
    '## Steadfast',
    '### @steadfast/rejections',
    '### @steadfast/warnings',
    '### @steadfast/perf',
  ])
    expect(count(summary, heading), heading).toBe(1)

  const html = readFileSync(join(dir, 'steadfast-report.html'), 'utf8')
  expect(html).toContain('<a href="perf.html">perf.html (plots)</a>')
  expect(html).toContain('<section id="rejections">')
  expect(html).toContain('Error: boom-umbrella')
}

function vitestProject(options: string): Record<string, string> {
  return {
    'vitest.config.mjs': `import steadfast from 'steadfast/vitest'\nexport default { plugins: [steadfast(${options})] }\n`,
    'suite.test.js': VITEST_TESTS,
    'gate.test.js': VITEST_GATE,
  }
}

describe.concurrent.each(VITEST_RUNNERS)('steadfast/vitest in %s', (runner) => {
  test('one plugin turns the suite on: the culprit fails, named, and the innocent passes', async () => {
    const summary = stepSummaryFile()
    const run = await runFixture({
      runner,
      files: vitestProject(''),
      env: { GITHUB_STEP_SUMMARY: summary.file },
    })
    expect(run.states()).toEqual(ALL_ON)
    expectCombinedReport(run, 'Vitest', summary.read())
    expect(run.test('culprit').errors.join('\n')).toMatch(
      /Unhandled rejection caused by test "culprit"[\s\S]*Error: boom-umbrella/,
    )
    expect(run.stdout).toMatch(/@steadfast\/rejections: 1 unhandled error in 1 place/)
    expect(run.stdout).toMatch(/@steadfast\/warnings: 1 warning of 1 kind from 1 file/)
    expect(run.stdout).toMatch(/@steadfast\/perf: 1 gate, 0 failed/)
  })
})

describe.concurrent('steadfast/vitest options', () => {
  test('a part set to false is off', async () => {
    const run = await runFixture({ runner: 'vitest4', files: vitestProject('{ rejections: false }') })
    // Plain Vitest: the tests stay green and the run fails on the error, at run level.
    expect(run.states()).toEqual({ ...ALL_ON, culprit: 'passed' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).not.toContain('@steadfast/rejections')
  })

  test("a part's options reach it", async () => {
    const run = await runFixture({
      runner: 'vitest4',
      files: vitestProject("{ rejections: { mode: 'warn' } }"),
    })
    expect(run.states()).toEqual({ ...ALL_ON, culprit: 'passed' })
    expect(`${run.stdout}\n${run.stderr}`).toContain(
      '[steadfast/rejections] Unhandled rejection from test "culprit": Error: boom-umbrella',
    )
  })

  test('a bad option anywhere stops the run before any test, naming its full path, the value and the fix', async () => {
    const run = await runFixture({
      runner: 'vitest4',
      files: vitestProject(
        "{ rejections: { leaks: 'loud', hangTimeout: -1 }, warnings: { budget: { maxTotal: -1 } }, warning: {} }",
      ),
    })
    expect(run.exitCode).not.toBe(0)
    expect(run.report.tests).toEqual([])
    const output = `${run.stdout}\n${run.stderr}`
    expect(output).toContain('Invalid steadfast options:')
    expect(output).toContain(
      'steadfast option "rejections.leaks": expected one of "off" | "warn" | "fail", got "loud"',
    )
    expect(output).toMatch(/steadfast option "rejections\.hangTimeout": .*, got -1/)
    expect(output).toMatch(/steadfast option "warnings\.budget\.maxTotal": .*, got -1/)
    expect(output).toContain('steadfast option "(root)": unknown option "warning"')
  })
})

describe.concurrent.each(JEST_RUNNERS)('steadfast in %s', (runner) => {
  test("preset: 'steadfast' turns the suite on: the culprit fails, named, and the innocent passes", async () => {
    const summary = stepSummaryFile()
    const run = await runFixture({
      runner,
      env: { GITHUB_STEP_SUMMARY: summary.file },
      files: {
        'jest.config.js': `module.exports = { preset: 'steadfast', testEnvironment: 'node', transform: {} }\n`,
        'suite.test.js': JEST_TESTS,
        'gate.test.js': JEST_GATE,
      },
    })
    expect(run.states()).toEqual(ALL_ON_JEST)
    expectCombinedReport(run, 'Jest', summary.read())
    expect(run.test('culprit').errors.join('\n')).toMatch(
      /Unhandled rejection caused by test "culprit"[\s\S]*Error: boom-umbrella/,
    )
    expect(`${run.stdout}\n${run.stderr}`).toMatch(/@steadfast\/rejections: 1 unhandled error in 1 place/)
    expect(`${run.stdout}\n${run.stderr}`).toMatch(/@steadfast\/warnings: 1 warning of 1 kind from 1 file/)
    expect(`${run.stdout}\n${run.stderr}`).toMatch(/@steadfast\/perf: \d gates?, 0 failed/)
  })

  test('withSteadfast(config, options) keeps the config and hands the options to every worker', async () => {
    const run = await runFixture({
      runner,
      files: {
        'jest.config.js': `const { withSteadfast } = require('steadfast/jest')\nmodule.exports = withSteadfast({ testEnvironment: 'node', transform: {} }, { rejections: { mode: 'warn' } })\n`,
        'suite.test.js': JEST_TESTS,
      },
    })
    expect(run.states()).toEqual({ culprit: 'passed', innocent: 'passed' })
    expect(`${run.stdout}\n${run.stderr}`).toContain(
      '[steadfast/rejections] Unhandled rejection from test "culprit": Error: boom-umbrella',
    )
  })
})

describe.concurrent('the combined report', () => {
  test('a part that fails the run at its end (a warnings budget) is in the report, and the run fails after it', async () => {
    const run = await runFixture({
      runner: 'vitest4',
      files: {
        'vitest.config.mjs': `import steadfast from 'steadfast/vitest'\nexport default { plugins: [steadfast({ warnings: { budget: { maxTotal: 0 } } })] }\n`,
        'suite.test.js': VITEST_TESTS,
      },
    })
    expect(run.exitCode).toBe(1)
    const output = `${run.stdout}\n${run.stderr}`
    const overview = output.indexOf('Steadfast (Vitest): a part failed the run')
    expect(overview, output).toBeGreaterThan(-1)
    expect(output).toMatch(
      /✗ warnings {4}1 warning of 1 kind from 1 file; 0 ignored by rules; WarningBudgetError/,
    )
    // Vitest prints the error of the teardown once the report is out.
    expect(output.lastIndexOf('WarningBudgetError')).toBeGreaterThan(overview)
    const json = JSON.parse(readFileSync(join(run.dir, '.steadfast', 'steadfast-report.json'), 'utf8'))
    expect(json.parts.warnings.status).toBe('failed')
  })

  test('parts that are off are not in it', async () => {
    const run = await runFixture({
      runner: 'vitest4',
      files: {
        'vitest.config.mjs': `import steadfast from 'steadfast/vitest'\nexport default { plugins: [steadfast({ perf: false, respawn: false })] }\n`,
        'suite.test.js': VITEST_TESTS,
      },
    })
    const json = JSON.parse(readFileSync(join(run.dir, '.steadfast', 'steadfast-report.json'), 'utf8'))
    expect(Object.keys(json.parts)).toEqual(['rejections', 'warnings'])
    expect(run.stdout).not.toMatch(/ perf {2}| respawn {2}/)
  })

  test.each(JEST_RUNNERS)('parts that are off are not in it, in %s', async (runner) => {
    const run = await runFixture({
      runner,
      files: {
        'jest.config.js': `const { withSteadfast } = require('steadfast/jest')\nmodule.exports = withSteadfast({ testEnvironment: 'node', transform: {} }, { perf: false, warnings: false })\n`,
        'suite.test.js': JEST_TESTS,
      },
    })
    const json = JSON.parse(readFileSync(join(run.dir, '.steadfast', 'steadfast-report.json'), 'utf8'))
    expect(Object.keys(json.parts)).toEqual(['rejections', 'respawn'])
    expect(json.missing).toEqual([])
  })

  test.each(VITEST_RUNNERS)(
    "vitest --merge-reports in %s prints one report of the shards' parts",
    async (runner) => {
      const files = { ...vitestProject(''), 'gate.test.js': VITEST_GATE }
      const first = await runFixture({ runner, files, args: ['--shard=1/2', '--reporter=blob'] })
      await runFixture({ runner, in: first.dir, files: {}, args: ['--shard=2/2', '--reporter=blob'] })
      const merged = await runFixture({ runner, in: first.dir, files: {}, args: ['--merge-reports'] })
      const output = `${merged.stdout}\n${merged.stderr}`
      expect(count(output, 'Steadfast (Vitest): ')).toBe(1)
      expect(output).toMatch(/✗ rejections {2}1 unhandled error \(1 failed a test or file\)/)
      expect(output).toMatch(/! perf {8}1 gate, 0 failed, mode PR/)
      expect(output).toMatch(/! warnings {4}1 warning of 1 kind from 1 file; 0 ignored by rules/)
      expect(output).toMatch(/✓ respawn {5}no process died or failed its check/)
      const json = JSON.parse(readFileSync(join(merged.dir, '.steadfast', 'steadfast-report.json'), 'utf8'))
      expect(json.parts.rejections.counts.errors).toBe(1)
      // Every part merges the shards natively: none is missing.
      expect(json.missing).toEqual([])
    },
  )
})

describe.concurrent('steadfast merge', () => {
  test("Jest shards' run directories merge into one combined report, with the warnings checks on the whole", async () => {
    const files = {
      'jest.config.js': `module.exports = { preset: 'steadfast', testEnvironment: 'node', transform: {} }\n`,
      'suite.test.js': JEST_TESTS,
      'gate.test.js': JEST_GATE,
    }
    const shards = await Promise.all(
      [1, 2].map((i) => runFixture({ runner: 'jest30', files, args: [`--shard=${i}/2`] })),
    )
    const dirs = shards.map((shard) => join(shard.dir, '.steadfast'))
    const summary = stepSummaryFile()
    const merge = await runNodeScript({
      entry: 'node_modules/steadfast/dist/esm/cli.js',
      args: ['merge', '--out', 'merged', ...dirs],
      files: {},
      env: { GITHUB_STEP_SUMMARY: summary.file },
    })
    expect(merge.exitCode, merge.stderr).toBe(0)
    expect(merge.stdout).toMatch(
      /Steadfast \(merged runs\): a part failed the run\n {2}✗ rejections {2}1 unhandled error \(1 failed a test or file\)\n {2}! warnings {4}1 warning of 1 kind from 1 file; 0 ignored by rules\n {2}✓ respawn {5}no process died or failed its check\n {2}! perf {8}1 gate, 0 failed, mode PR/,
    )
    expect(merge.stdout).toMatch(/Merged 2 runs into .*merged/)
    const json = JSON.parse(readFileSync(join(merge.dir, 'merged', 'steadfast-report.json'), 'utf8'))
    expect(json).toMatchObject({ runner: 'merge', missing: [] })
    for (const artifact of ['rejections.json', 'warnings.json', 'respawn.json', 'perf.json', 'perf.html'])
      expect(readFileSync(join(merge.dir, 'merged', artifact), 'utf8').length, artifact).toBeGreaterThan(0)
    expect(count(summary.read(), '## Steadfast (merged runs)')).toBe(1)

    // Over the warnings budget on the whole, though each shard was within it: the merge fails.
    const strict = await runNodeScript({
      entry: 'node_modules/steadfast/dist/esm/cli.js',
      args: ['merge', ...dirs],
      files: { 'steadfast.config.json': JSON.stringify({ warnings: { budget: { maxTotal: 0 } } }) },
    })
    expect(strict.exitCode).toBe(1)
    expect(strict.stdout).toMatch(
      /✗ warnings {4}1 warning of 1 kind from 1 file; 0 ignored by rules; WarningBudgetError/,
    )
  })

  test('a run directory that does not exist is named, with the usage, and exit code 2', async () => {
    const run = await runNodeScript({
      entry: 'node_modules/steadfast/dist/esm/cli.js',
      args: ['merge', 'shard-9'],
      files: {},
    })
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/^steadfast: run directory .*shard-9 does not exist\n\nUsage: steadfast merge/)
  })
})

describe.concurrent('steadfast.config.* read by both runners', () => {
  test('Vitest: steadfast() without options takes them from steadfast.config.json', async () => {
    const run = await runFixture({
      runner: 'vitest4',
      files: {
        'vitest.config.mjs': vitestProject('')['vitest.config.mjs'] as string,
        'suite.test.js': VITEST_TESTS,
        'steadfast.config.json': JSON.stringify({ rejections: { mode: 'warn' }, perf: false }),
      },
    })
    expect(run.states()).toEqual({ culprit: 'passed', innocent: 'passed' })
    expect(`${run.stdout}\n${run.stderr}`).toContain(
      '[steadfast/rejections] Unhandled rejection from test "culprit": Error: boom-umbrella',
    )
    const json = JSON.parse(readFileSync(join(run.dir, '.steadfast', 'steadfast-report.json'), 'utf8'))
    expect(Object.keys(json.parts)).toEqual(['rejections', 'warnings', 'respawn'])
  })

  test('Vitest 5 on Node 24 reads a steadfast.config.ts (Node strips its types)', async () => {
    const run = await runFixture({
      runner: 'vitest5',
      files: {
        ...vitestProject(''),
        'steadfast.config.ts': `type Mode = 'warn' | 'fail'\nconst mode: Mode = 'warn'\nexport default { rejections: { mode } }\n`,
      },
    })
    expect(run.states()).toEqual({ ...ALL_ON, culprit: 'passed' })
  })

  test.each(['vitest4', 'jest30'] as const)(
    'in %s on Node 20, a steadfast.config.ts stops the run, naming the file and the fix',
    async (runner) => {
      const files =
        runner === 'vitest4'
          ? vitestProject('')
          : { 'jest.config.js': JEST_PRESET, 'suite.test.js': JEST_TESTS }
      const run = await runFixture({
        runner,
        files: {
          ...files,
          'steadfast.config.ts': `export default { rejections: { mode: 'warn' as const } }\n`,
        },
      })
      expect(run.exitCode).not.toBe(0)
      expect(run.report.tests).toEqual([])
      expect(`${run.stdout}\n${run.stderr}`).toMatch(
        /The Steadfast config file .*steadfast\.config\.ts is TypeScript, which Node v20\.[\d.]+ cannot load without a build step \(Node ≥ 22\.18 strips the types itself\)\. Rename it to steadfast\.config\.mjs and remove the types, or use steadfast\.config\.json\./,
      )
    },
  )

  test('Jest: a mistake anywhere in steadfast.config.json stops the run before any test, naming its path', async () => {
    const run = await runFixture({
      runner: 'jest30',
      files: {
        'jest.config.js': JEST_PRESET,
        'suite.test.js': JEST_TESTS,
        'steadfast.config.json': JSON.stringify({ warning: {}, rejections: { leaks: 'loud' } }),
      },
    })
    expect(run.exitCode).not.toBe(0)
    expect(run.report.tests).toEqual([])
    const output = `${run.stdout}\n${run.stderr}`
    expect(output).toContain(
      'steadfast option "rejections.leaks": expected one of "off" | "warn" | "fail", got "loud"',
    )
    expect(output).toContain('steadfast option "(root)": unknown option "warning"')
  })
})
