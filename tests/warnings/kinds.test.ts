// What one kind is on real warnings (issue 13, item 3): a message that carries its arguments and a
// stack (moment's deprecations) is one kind whose template is the message; one deprecation from
// several places is one kind with its places listed; a baseline written when kinds were per place
// still holds.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { type FixtureRun, runFixture, runNodeScript } from '../harness/index.js'
import { config, JEST_HEADER, VITEST_HEADER } from './_fixtures.js'

interface Kind {
  key: string
  type: string
  code: string
  template: string
  message: string
  origin: string
  origins: Record<string, number>
  count: number
  files: Record<string, number>
}

const artifactOf = (dir: string): { total: number; kinds: Kind[] } =>
  JSON.parse(readFileSync(join(dir, '.steadfast', 'warnings.json'), 'utf8'))
const output = (run: { stdout: string; stderr: string }): string => `${run.stdout}\n${run.stderr}`

/** The end-of-run table as printed: from its heading to the total line. */
function tableOf(run: FixtureRun | { stdout: string }): string {
  const start = run.stdout.indexOf('@steadfast/warnings: warnings by kind, most first')
  const end = run.stdout.indexOf('\n', run.stdout.indexOf('@steadfast/warnings: ', start + 1))
  expect(start, run.stdout).toBeGreaterThan(-1)
  return run.stdout.slice(start, end)
}

// moment's deprecate(): the message, `Arguments:` with the values it was called with, then a
// whole `new Error().stack`, in one console.warn.
const MOMENT_MESSAGE =
  'value provided is not in a recognized RFC2822 or ISO format. moment construction falls back to js Date(), which is not reliable across all browsers and versions. Non RFC2822/ISO date formats are discouraged. Please refer to http://momentjs.com/guides/#/warnings/js-date/ for more info.'

const momentLike = (vitest: boolean): string => `function deprecate(msg, fn) {
  return function (...args) {
    const shown = args.map((a, i) => typeof a === 'object' ? '\\n[' + i + '] ' + Object.entries(a).map(([k, v]) => k + ': ' + v).join(', ') : a)
    console.warn('Deprecation warning: ' + msg + '\\nArguments: ' + shown.join('') + '\\n' + new Error().stack)
    return fn(...args)
  }
}
${vitest ? 'export ' : ''}const createFromInputFallback = deprecate(${JSON.stringify(MOMENT_MESSAGE)}, (config) => new Date(config._i))
${vitest ? '' : 'module.exports = { createFromInputFallback }\n'}`

const datesTest = (vitest: boolean): string => `${vitest ? VITEST_HEADER : JEST_HEADER}${
  vitest
    ? `import { createFromInputFallback } from './src/moment-like.js'\n`
    : `const { createFromInputFallback } = require('./src/moment-like.js')\n`
}
test('parses a loose date', () => {
  createFromInputFallback({ _isAMomentObject: true, _isUTC: false, _i: '2016-13-45', _f: undefined })
})

test('parses a spelled-out date', () => {
  createFromInputFallback({ _isAMomentObject: true, _isUTC: false, _i: 'next tuesday', _f: undefined })
})
`

/** One deprecation, the same type, code and message, emitted straight from a test file. */
const widgetTest = (vitest: boolean, times: number): string => `${vitest ? VITEST_HEADER : JEST_HEADER}
test('uses the widget', () => {
  for (let i = 0; i < ${times}; i++) process.emitWarning('widget() is deprecated; use gadget()', 'DeprecationWarning', 'DEP_WIDGET')
})
`

/** DEP_WIDGET from four test files, 400 + 300 + 200 + 100 times: 1,000 warnings, one kind. */
function widgetProject(vitest: boolean, options = '{}'): Record<string, string> {
  return {
    ...config(vitest, options),
    'a.test.js': widgetTest(vitest, 400),
    'b.test.js': widgetTest(vitest, 300),
    'c.test.js': widgetTest(vitest, 200),
    'd.test.js': widgetTest(vitest, 100),
  }
}

const WIDGET_ORIGINS = { 'a.test.js:4': 400, 'b.test.js:4': 300, 'c.test.js:4': 200, 'd.test.js:4': 100 }

/** A baseline as versions before this one wrote it: one entry per kind and origin file. */
const perPlaceBaseline = (places: string[]): string =>
  `${JSON.stringify(
    {
      kind: 'steadfast-warnings-baseline',
      version: 1,
      kinds: places.map((origin) => ({
        type: 'DeprecationWarning',
        code: 'DEP_WIDGET',
        template: 'widget() is deprecated; use gadget()',
        origin,
        count: 100,
      })),
    },
    null,
    2,
  )}\n`

describe.concurrent.each(['vitest4', 'jest30'] as const)('kinds in %s', (runner) => {
  const vitest = runner.startsWith('vitest')

  test('a message with its arguments and a stack is one kind whose template is the message', async () => {
    const run = await runFixture({
      runner,
      files: {
        ...config(vitest),
        'src/moment-like.js': momentLike(vitest),
        'dates.test.js': datesTest(vitest),
      },
      env: { COLUMNS: '100' },
    })
    expect(run.exitCode, output(run)).toBe(0)
    const { total, kinds } = artifactOf(run.dir)
    expect(total).toBe(2)
    expect(kinds).toHaveLength(1)
    const [kind] = kinds
    expect(kind).toMatchObject({
      type: 'console.warn',
      template: `Deprecation warning: ${MOMENT_MESSAGE.replace('#/warnings/js-date/', '#<path>')}`,
      count: 2,
      origins: { 'src/moment-like.js:4': 2 },
    })
    expect(kind?.template).not.toMatch(/\n|Arguments| at /)
    // The JSON keeps the first message whole: its arguments and its stack.
    expect(kind?.message).toContain(
      '\nArguments: \n[0] _isAMomentObject: true, _isUTC: false, _i: 2016-13-45',
    )
    expect(kind?.message).toMatch(/\nError:? ?\n {4}at /)
    // One line for the kind, cut to the terminal's width (COLUMNS here: the output is a pipe).
    expect(tableOf(run)).toBe(
      [
        '@steadfast/warnings: warnings by kind, most first',
        '  count  kind: template',
        '      2  console.warn: Deprecation warning: value provided is not in a recognized RFC2822 or ISO fo…',
        `         first at ${kind?.origin}`,
        '         files: dates.test.js (2)',
        '         tests: dates.test.js > parses a loose date (1), dates.test.js > parses a spelled-out date …',
        '@steadfast/warnings: 2 warnings of 1 kind from 1 file; 0 ignored by rules',
      ].join('\n'),
    )
    expect(kind?.origin).toMatch(/^src\/moment-like\.js:4:\d+$/)
  })

  test("the umbrella's HTML report has the template the terminal cut", async () => {
    const files = {
      ...(vitest
        ? {
            'vitest.config.mjs': `import steadfast from 'steadfast/vitest'\nexport default { plugins: [steadfast({ perf: false, respawn: false })] }\n`,
          }
        : {
            'jest.config.js': `const { withSteadfast } = require('steadfast/jest')\nmodule.exports = withSteadfast({ testEnvironment: 'node', transform: {} }, { perf: false, respawn: false })\n`,
          }),
      'src/moment-like.js': momentLike(vitest),
      'dates.test.js': datesTest(vitest),
    }
    const run = await runFixture({ runner, files, env: { COLUMNS: '100' } })
    expect(run.exitCode, output(run)).toBe(0)
    const cut =
      '      2  console.warn: Deprecation warning: value provided is not in a recognized RFC2822 or ISO fo…'
    expect(run.stdout).toContain(`\n${cut}\n`)
    const html = readFileSync(join(run.dir, '.steadfast', 'steadfast-report.html'), 'utf8')
    expect(html).toContain(
      `      2  console.warn: Deprecation warning: ${MOMENT_MESSAGE.replace('#/warnings/js-date/', '#&lt;path&gt;')}\n`,
    )
    expect(html).not.toContain(cut)
  })

  test('one deprecation from four files is one kind, ranked with its places', async () => {
    const run = await runFixture({ runner, files: widgetProject(vitest) })
    expect(run.exitCode, output(run)).toBe(0)
    const { total, kinds } = artifactOf(run.dir)
    expect(total).toBe(1000)
    expect(kinds).toHaveLength(1)
    expect(kinds[0]).toMatchObject({
      key: 'DeprecationWarning\u0000DEP_WIDGET\u0000widget() is deprecated; use gadget()',
      count: 1000,
      origins: WIDGET_ORIGINS,
      files: { 'a.test.js': 400, 'b.test.js': 300, 'c.test.js': 200, 'd.test.js': 100 },
    })
    expect(tableOf(run)).toBe(
      [
        '@steadfast/warnings: warnings by kind, most first',
        '  count  kind: template',
        '   1000  DeprecationWarning DEP_WIDGET: widget() is deprecated; use gadget()',
        '         from 4 places: a.test.js:4 (400), b.test.js:4 (300), c.test.js:4 (200), 1 more (100)',
        '         files: a.test.js (400), b.test.js (300), c.test.js (200)',
        '         tests: a.test.js > uses the widget (400), b.test.js > uses the widget (300), c.test.js > uses the widget (200)',
        '@steadfast/warnings: 1000 warnings of 1 kind from 4 files; 0 ignored by rules',
      ].join('\n'),
    )
    // Printed live once, whichever file came first.
    expect(output(run).split('[steadfast/warnings] DeprecationWarning DEP_WIDGET:').length - 1).toBe(1)
  })

  test('rules by origin still match each occurrence of a kind that comes from several places', async () => {
    const run = await runFixture({
      runner,
      files: widgetProject(
        vitest,
        `{ ignore: [{ code: 'DEP_WIDGET', origin: 'a.test.js' }], error: [{ code: 'DEP_WIDGET', origin: 'd.test.js' }] }`,
      ),
    })
    expect(run.exitCode).toBe(1)
    // Only the test the error rule names fails; the others pass.
    expect(run.report.tests.map((t) => [t.file, t.state]).sort()).toEqual([
      ['a.test.js', 'passed'],
      ['b.test.js', 'passed'],
      ['c.test.js', 'passed'],
      ['d.test.js', 'failed'],
    ])
    const artifact = JSON.parse(readFileSync(join(run.dir, '.steadfast', 'warnings.json'), 'utf8'))
    expect(artifact).toMatchObject({ total: 600, ignored: 400 })
    expect(artifact.kinds).toHaveLength(1)
    expect(artifact.kinds[0]).toMatchObject({
      count: 600,
      error: true,
      origins: { 'b.test.js:4': 300, 'c.test.js:4': 200, 'd.test.js:4': 100 },
    })
  })

  test('a per-kind budget counts the kind across its places', async () => {
    const run = await runFixture({ runner, files: widgetProject(vitest, '{ budget: { maxPerKind: 999 } }') })
    expect(run.exitCode).toBe(1)
    expect(output(run)).toMatch(
      /maxPerKind +limit +999 {2}actual +1000 {2}DeprecationWarning DEP_WIDGET: widget\(\) is deprecated; use gadget\(\) \(from 4 places, first at [a-d]\.test\.js:4:\d+\)/,
    )
  })

  test('a baseline with one entry per place is read as one kind and passes the ratchet', async () => {
    // Written before kinds spanned places: the entry for d.test.js was never there.
    const old = perPlaceBaseline(['a.test.js', 'b.test.js', 'c.test.js'])
    const run = await runFixture({
      runner,
      files: { ...widgetProject(vitest), 'steadfast.warnings.json': old },
    })
    expect(run.exitCode, output(run)).toBe(0)
    expect(run.stdout).toMatch(
      /@steadfast\/warnings: the baseline \/.*\/steadfast\.warnings\.json lists kinds per place \(version 1\): read its 3 entries as 1 kind\. Rewrite it with STEADFAST_UPDATE=1 \(Vitest: -u\) and commit it\./,
    )
    expect(run.stdout).toMatch(
      /@steadfast\/warnings: every kind is in the baseline .*steadfast\.warnings\.json/,
    )
    expect(output(run)).not.toContain('NewWarningKindError')
    // Left as it was: only an explicit update rewrites it.
    expect(readFileSync(join(run.dir, 'steadfast.warnings.json'), 'utf8')).toBe(old)

    const update = await runFixture({ runner, in: run.dir, files: {}, env: { STEADFAST_UPDATE: '1' } })
    expect(update.exitCode, output(update)).toBe(0)
    expect(JSON.parse(readFileSync(join(run.dir, 'steadfast.warnings.json'), 'utf8'))).toEqual({
      kind: 'steadfast-warnings-baseline',
      version: 2,
      kinds: [
        {
          type: 'DeprecationWarning',
          code: 'DEP_WIDGET',
          template: 'widget() is deprecated; use gadget()',
          count: 1000,
        },
      ],
    })
  })

  test('the merge of two shards has the kind once, with every place counted', async () => {
    const files = widgetProject(vitest)
    const shards = await Promise.all(
      [1, 2].map((i) => runFixture({ runner, files, args: [`--shard=${i}/2`] })),
    )
    for (const shard of shards) expect(shard.exitCode, output(shard)).toBe(0)
    const merge = await runNodeScript({
      entry: 'node_modules/@steadfast/warnings/dist/esm/cli.js',
      args: ['merge', '--out', 'merged', ...shards.map((shard) => join(shard.dir, '.steadfast'))],
      files: {},
    })
    expect(merge.exitCode, output(merge)).toBe(0)
    const merged = JSON.parse(readFileSync(join(merge.dir, 'merged', 'warnings.json'), 'utf8'))
    expect(merged.kinds).toHaveLength(1)
    expect(merged.kinds[0]).toMatchObject({ count: 1000, origins: WIDGET_ORIGINS })
    expect(merge.stdout).toContain(
      'from 4 places: a.test.js:4 (400), b.test.js:4 (300), c.test.js:4 (200), 1 more (100)',
    )
    expect(merge.stdout).toContain(
      '@steadfast/warnings: 1000 warnings of 1 kind from 4 files; 0 ignored by rules',
    )
  })
})

test('vitest --merge-reports gives each file its own places', async () => {
  const first = await runFixture({
    runner: 'vitest4',
    files: widgetProject(true),
    // One worker that keeps its process across files: each file's counts must still be its own.
    args: ['--shard=1/2', '--reporter=blob', '--maxWorkers=1', '--no-isolate'],
  })
  const second = await runFixture({
    runner: 'vitest4',
    in: first.dir,
    files: {},
    args: ['--shard=2/2', '--reporter=blob', '--maxWorkers=1', '--no-isolate'],
  })
  expect([first.exitCode, second.exitCode]).toEqual([0, 0])
  const merged = await runFixture({ runner: 'vitest4', in: first.dir, files: {}, args: ['--merge-reports'] })
  expect(merged.exitCode, output(merged)).toBe(0)
  const { total, kinds } = artifactOf(merged.dir)
  expect(total).toBe(1000)
  expect(kinds).toHaveLength(1)
  expect(kinds[0]).toMatchObject({ count: 1000, origins: WIDGET_ORIGINS })
})
