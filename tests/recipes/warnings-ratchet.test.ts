// examples/recipe-warnings-ratchet: the README's commands, step by step, in a copy of the example,
// and the CI job of its workflow on the example as shipped, with a new kind, and with one fixed.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { REPO_ROOT } from '../../scripts/fixture-project.mjs'
import { createProject, runCommand } from '../harness/index.js'
import { type Artifacts, commandOf, exampleFiles, jobOf, readWorkflow, runJob } from './_workflow.js'

const EXAMPLE = join(REPO_ROOT, 'examples', 'recipe-warnings-ratchet')
const README = readFileSync(join(EXAMPLE, 'README.md'), 'utf8')
const CI = jobOf(readWorkflow(join(EXAMPLE, 'workflow.yml')), 'test')
const CHECK = 'Tests, with the warnings ratchet'
const SHIPPED = exampleFiles('recipe-warnings-ratchet')
const BASELINE = 'steadfast.warnings.json'
const { [BASELINE]: committed, ...WITHOUT_BASELINE } = SHIPPED

const SURVEY = 'npx vitest run'
const UPDATE = 'npx vitest run -u'
// The README's two changes, as a developer would make them: the new warning is its first js block.
const NEW_KIND = /```js\n([\s\S]*?)```/.exec(README)?.[1] ?? ''
const indent = (code: string) => code.replace(/^(?=.)/gm, '  ')

function edit(files: Record<string, string>, file: string, from: string, to: string): Record<string, string> {
  const text = files[file] ?? ''
  expect(text, `${file} has ${from}`).toContain(from)
  return { ...files, [file]: text.replaceAll(from, to) }
}
const withNewKind = (): Record<string, string> =>
  edit(
    SHIPPED,
    'src/prices.js',
    'export function convert(amount, currency) {\n',
    `export function convert(amount, currency) {\n${indent(NEW_KIND)}`,
  )
const withOneFixed = (): Record<string, string> =>
  edit(SHIPPED, 'test/dates.test.js', 'expect(oldFormat(date))', 'expect(formatDate(date))')

const output = (run: { stdout: string; stderr: string }) => `${run.stdout}\n${run.stderr}`
const kindsOf = (baseline: string) =>
  (JSON.parse(baseline) as { kinds: { type: string; code: string }[] }).kinds.map((k) =>
    `${k.type} ${k.code}`.trim(),
  )

test("the README shows the workflow's command and the changes this test makes", () => {
  expect(commandOf(CI, CHECK)).toBe(SURVEY)
  expect(NEW_KIND).toMatch(/^process\.emitWarning\(/)
  for (const text of [
    '```sh\nnpx vitest run\n```',
    `${UPDATE}\n`,
    '`oldFormat(date)` → `formatDate(date)`',
    'at src/prices.js:8:11',
  ])
    expect(README).toContain(text)
  expect(kindsOf(committed ?? '')).toEqual(['DeprecationWarning DEP_OLDFORMAT', 'console.warn'])
})

describe.concurrent('recipe: adopting the warnings ratchet', () => {
  test('the survey, without a baseline, ranks both kinds, says the ratchet is off and passes', async () => {
    const dir = await createProject({ runner: 'vitest4', files: WITHOUT_BASELINE })
    const survey = await runCommand(dir, SURVEY)
    expect(survey.exitCode, output(survey)).toBe(0)
    expect(survey.stdout).toContain(
      '@steadfast/warnings: 33 warnings of 2 kinds from 2 files; 0 ignored by rules',
    )
    expect(survey.stdout).toMatch(/no baseline at .*steadfast\.warnings\.json; the ratchet is off/)
  })

  test('-u records exactly the baseline the example commits', async () => {
    const dir = await createProject({ runner: 'vitest4', files: WITHOUT_BASELINE })
    const update = await runCommand(dir, UPDATE)
    expect(update.exitCode, output(update)).toBe(0)
    expect(update.stdout).toMatch(
      /wrote the baseline .*steadfast\.warnings\.json with 2 kinds \(STEADFAST_UPDATE\): commit it/,
    )
    expect(JSON.parse(readFileSync(join(dir, BASELINE), 'utf8'))).toEqual(JSON.parse(committed ?? ''))
  })

  test('CI passes with the committed baseline and uploads the warnings report', async () => {
    const artifacts: Artifacts = new Map()
    const ci = await runJob(CI, { runner: 'vitest4', files: SHIPPED, artifacts })
    expect(ci.ok, output(ci.step(CHECK))).toBe(true)
    expect(ci.step(CHECK).stdout).toMatch(/every kind is in the baseline .*steadfast\.warnings\.json/)
    const report = JSON.parse(artifacts.get('warnings-report')?.get('warnings.json')?.toString() ?? '{}')
    expect(report.total).toBe(33)
  })

  test('a new kind of warning fails CI, naming it, though every test passes', async () => {
    const ci = await runJob(CI, { runner: 'vitest4', files: withNewKind(), artifacts: new Map() })
    const check = ci.step(CHECK)
    expect(check.exitCode).toBe(1)
    expect(check.stdout).toMatch(/Tests +4 passed \(4\)/)
    expect(output(check)).toContain('NewWarningKindError: A new kind of warning, not in the baseline')
    expect(output(check)).toMatch(
      /4 × DeprecationWarning DEP_CONVERT: convert\(\) will need an explicit rounding mode in v2\n\s+at src\/prices\.js:8:11/,
    )
  })

  test('a fixed kind is reported as gone, and -u tightens the baseline to the one left', async () => {
    const dir = await createProject({ runner: 'vitest4', files: withOneFixed() })
    const check = await runCommand(dir, SURVEY)
    expect(check.exitCode, output(check)).toBe(0)
    expect(check.stdout).toContain(
      '@steadfast/warnings: 1 kind in the baseline did not occur in this run; shrink the baseline with STEADFAST_UPDATE=1 (Vitest: -u) and commit it:',
    )
    expect(check.stdout).toMatch(
      /DeprecationWarning DEP_OLDFORMAT: oldFormat\(\) is deprecated; use formatDate\(\)/,
    )

    const update = await runCommand(dir, UPDATE)
    expect(update.exitCode, output(update)).toBe(0)
    expect(kindsOf(readFileSync(join(dir, BASELINE), 'utf8'))).toEqual(['console.warn'])
    // From now on, the old kind coming back is a new kind.
    const again = await runCommand(dir, SURVEY, {})
    expect(again.stdout).toMatch(/every kind is in the baseline/)
  })
})
