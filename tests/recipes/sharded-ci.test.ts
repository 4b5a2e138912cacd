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
  // Read from what each shard uploaded: the next job has taken its folder since.
  const counted = ['steadfast-1', 'steadfast-2'].map(
    (name) => JSON.parse(run.artifact(name).get('warnings.json')?.toString() ?? '{}').total as number,
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
    'warnings.json',
  ])
}

describe.concurrent('recipe: sharded CI', () => {
  test('Vitest: two blob shards, then --merge-reports and the warnings merge give one report', async () => {
    const workflow = readWorkflow(join(EXAMPLE, 'workflow-vitest.yml'))
    for (const step of ['Merge test reports', 'Merge warnings'])
      expect(README).toContain(commandOf(jobOf(workflow, 'merge'), step))

    const run = await runWorkflow(workflow, { runner: 'vitest4', files })
    expectShardsSplitTheWork(run)
    const merge = run.job('merge')
    const reports = merge.step('Merge test reports')
    expect(reports.stdout).toMatch(/Tests +6 passed \(6\)/)
    expect(reports.stdout).toMatch(/@steadfast\/perf: 1 gate, 0 failed, mode PR/)
    const warnings = merge.step('Merge warnings')
    expect(warnings.stdout).toContain(
      '@steadfast/warnings: 50 warnings of 2 kinds from 2 files; 0 ignored by rules',
    )
    expect(warnings.stdout).toMatch(/Merged 2 runs into .*\.steadfast\/warnings\.json/)
    expectOneMergedReport(run)
  })

  test("Jest: two shards, then each package's merge command gives one report", async () => {
    const workflow = readWorkflow(join(EXAMPLE, 'workflow-jest.yml'))
    const merges = ['Merge rejections', 'Merge warnings', 'Merge perf']
    for (const step of merges) expect(README).toContain(commandOf(jobOf(workflow, 'merge'), step))

    const run = await runWorkflow(workflow, { runner: 'jest30', files })
    expectShardsSplitTheWork(run)
    const merge = run.job('merge')
    expect(merge.step('Merge rejections').stdout).toContain(
      '@steadfast/rejections: no unhandled errors and no leaks in any run',
    )
    expect(merge.step('Merge warnings').stdout).toContain(
      '@steadfast/warnings: 50 warnings of 2 kinds from 2 files; 0 ignored by rules',
    )
    expect(merge.step('Merge perf').stdout).toMatch(/@steadfast\/perf: 1 gate, 0 failed, mode PR/)
    for (const step of merges) expect(merge.step(step).stdout).toMatch(/Merged 2 runs into /)
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
    const merge = run.job('merge')
    expect(merge.step('Merge test reports').exitCode).toBe(0)
    const warnings = merge.step('Merge warnings')
    expect(warnings.exitCode).toBe(1)
    expect(warnings.stderr).toMatch(/maxTotal +limit +45 {2}actual +50/)
    // The report is uploaded all the same (if: !cancelled()).
    expect(JSON.parse(run.artifact('steadfast-report').get('warnings.json')?.toString() ?? '{}').total).toBe(
      50,
    )
  })
})
