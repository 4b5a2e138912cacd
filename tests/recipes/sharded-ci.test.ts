// examples/recipe-sharded-ci: both workflows run as Actions would, each shard in a fresh copy of the
// example, then the merge job in another, with the artifacts carried between them.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { REPO_ROOT } from '../../scripts/fixture-project.mjs'
import {
  commandOf,
  exampleFiles,
  type JobRun,
  jobOf,
  readWorkflow,
  runWorkflow,
  type WorkflowRun,
} from './_workflow.js'

const EXAMPLE = join(REPO_ROOT, 'examples', 'recipe-sharded-ci')
const README = readFileSync(join(EXAMPLE, 'README.md'), 'utf8')
const files = exampleFiles('recipe-sharded-ci')

const json = (job: JobRun, file: string) => JSON.parse(readFileSync(join(job.dir, file), 'utf8'))
const output = (run: { stdout: string; stderr: string }) => `${run.stdout}\n${run.stderr}`

/** The shards ran part of the suite each, with the commands the README shows. */
function expectShardsSplitTheWork(run: WorkflowRun): void {
  const shards = run.runs('test')
  expect(shards).toHaveLength(2)
  for (const shard of shards) {
    const step = shard.step('Run shard')
    expect(step.exitCode, output(step)).toBe(0)
    expect(README).toContain(step.command)
  }
  // Each shard's own count, as it printed it.
  const counted = shards.map((shard) =>
    Number(/@steadfast\/warnings: (\d+) warnings? of/.exec(shard.step('Run shard').stdout)?.[1]),
  )
  expect(counted.reduce((a, b) => a + b, 0)).toBe(50)
  const gates = shards.filter((shard) =>
    /@steadfast\/perf: 1 gate, 0 failed/.test(shard.step('Run shard').stdout),
  )
  expect(gates).toHaveLength(1)
}

/** The merge job's .steadfast/ has one report of each kind, for the whole suite. */
function expectOneMergedReport(run: WorkflowRun): void {
  const merge = run.job('merge')
  expect(merge.ok, merge.steps.map(output).join('\n')).toBe(true)
  expect(json(merge, '.steadfast/rejections.json')).toMatchObject({
    kind: 'steadfast-rejections',
    records: [],
    leaks: [],
  })
  const warnings = json(merge, '.steadfast/warnings.json')
  expect(warnings.total).toBe(50)
  expect(warnings.files).toEqual({ 'test/legacy.test.js': 40, 'test/import.test.js': 10 })
  const perf = json(merge, '.steadfast/perf.json')
  expect(perf.gates.map((g: { outcome: string }) => g.outcome)).toEqual(['SATISFIED'])
  // What the merge job uploads: one of each, none of the shards' worker files.
  expect([...run.artifact('steadfast-report').keys()].sort()).toEqual([
    'perf-bmf.json',
    'perf.html',
    'perf.json',
    'rejections.json',
    'respawn.json',
    'steadfast-report.html',
    'steadfast-report.json',
    'steadfast-report.md',
    'warnings.json',
  ])
  expect(json(merge, '.steadfast/steadfast-report.json')).toMatchObject({
    status: 'warned',
    missing: [],
    parts: { warnings: { counts: { warnings: 50 } }, perf: { counts: { gates: 1, failed: 0 } } },
  })
}

/** The combined report's overview, as the merge job printed it. */
const OVERVIEW =
  /: findings that failed nothing(; the run passed)?\n {2}✓ rejections {2}no unhandled errors, no open handles left behind\n {2}! warnings {4}50 warnings of 2 kinds from 2 files; 0 ignored by rules\n {2}✓ respawn {5}no process died or failed its check\n {2}✓ perf {8}1 gate, 0 failed, mode PR/

describe.concurrent('recipe: sharded CI', () => {
  test('Vitest: two blob shards, then --merge-reports gives one report of every part', async () => {
    const workflow = readWorkflow(join(EXAMPLE, 'workflow-vitest.yml'))
    expect(README).toContain(commandOf(jobOf(workflow, 'merge'), 'Merge reports'))

    const run = await runWorkflow(workflow, { runner: 'vitest4', files })
    expectShardsSplitTheWork(run)
    const merge = run.job('merge').step('Merge reports')
    expect(merge.stdout).toMatch(/Tests +6 passed \(6\)/)
    expect(merge.stdout).toMatch(/Steadfast \(Vitest\)/)
    expect(merge.stdout).toMatch(OVERVIEW)
    expectOneMergedReport(run)
  })

  test('Jest: two shards, then `steadfast merge` gives one report of every part', async () => {
    const workflow = readWorkflow(join(EXAMPLE, 'workflow-jest.yml'))
    expect(README).toContain(commandOf(jobOf(workflow, 'merge'), 'Merge reports'))

    const run = await runWorkflow(workflow, { runner: 'jest30', files })
    expectShardsSplitTheWork(run)
    const merge = run.job('merge').step('Merge reports')
    expect(merge.stdout).toMatch(/Steadfast \(merged runs\)/)
    expect(merge.stdout).toMatch(OVERVIEW)
    expect(merge.stdout).toMatch(/Merged 2 runs into /)
    expectOneMergedReport(run)
  })

  test('Vitest: a budget each shard keeps but the whole run exceeds fails the merge job', async () => {
    const config = JSON.parse(files['steadfast.config.json'] ?? '{}')
    expect(config.warnings.budget).toEqual({ maxTotal: 200 })
    config.warnings.budget.maxTotal = 45 // the shards count 40 and 10: each keeps it, the whole does not
    const run = await runWorkflow(readWorkflow(join(EXAMPLE, 'workflow-vitest.yml')), {
      runner: 'vitest4',
      files: { ...files, 'steadfast.config.json': JSON.stringify(config) },
    })
    for (const shard of run.runs('test')) expect(shard.ok, output(shard.step('Run shard'))).toBe(true)
    const merge = run.job('merge').step('Merge reports')
    expect(merge.exitCode).toBe(1)
    expect(merge.stderr).toMatch(/maxTotal +limit +45 {2}actual +50/)
    expect(merge.stdout).toMatch(
      /✗ warnings {4}50 warnings of 2 kinds from 2 files; 0 ignored by rules; WarningBudgetError/,
    )
    // The report is uploaded all the same (if: !cancelled()).
    expect(JSON.parse(run.artifact('steadfast-report').get('warnings.json')?.toString() ?? '{}').total).toBe(
      50,
    )
  })
})
