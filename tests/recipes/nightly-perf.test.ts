// examples/recipe-nightly-perf: the workflow's two jobs, the one a push runs (PR mode) and the one
// the nightly schedule runs (STRICT_PERF=1), on the example as shipped and with its limit loosened.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { REPO_ROOT } from '../../scripts/fixture-project.mjs'
import {
  type Artifacts,
  commandOf,
  exampleFiles,
  type JobRun,
  jobOf,
  readWorkflow,
  runJob,
} from './_workflow.js'

const EXAMPLE = join(REPO_ROOT, 'examples', 'recipe-nightly-perf')
const README = readFileSync(join(EXAMPLE, 'README.md'), 'utf8')
const workflow = readWorkflow(join(EXAMPLE, 'workflow.yml'))
const PR = jobOf(workflow, 'pr')
const NIGHTLY = jobOf(workflow, 'nightly')
const SHIPPED = exampleFiles('recipe-nightly-perf')
const GATE = 'test/checksum.perf.test.js'

/** The example with its gate's limit raised to "not slower", as the README's "Try the difference" says. */
function loosened(): Record<string, string> {
  const gate = SHIPPED[GATE] ?? ''
  expect(gate).toContain('{ factor: 0.25 }')
  return { ...SHIPPED, [GATE]: gate.replace('{ factor: 0.25 }', '{ factor: 1 }') }
}

const output = (job: JobRun, step: string) => {
  const run = job.step(step)
  return `${run.stdout}\n${run.stderr}`
}

interface Gate {
  mode: string
  outcome: string
  rounds: number
  margin: number
}

/** The report the job uploaded: perf.json's gates, and the names of the files. */
function uploaded(artifacts: Artifacts, name: string): { files: string[]; gates: Gate[] } {
  const files = artifacts.get(name)
  if (!files) throw new Error(`no artifact ${name} (have ${[...artifacts.keys()].join(', ')})`)
  const perf = JSON.parse(files.get('perf.json')?.toString() ?? '{}') as { gates: Gate[] }
  return { files: [...files.keys()].sort(), gates: perf.gates }
}

const REPORTS = ['perf-bmf.json', 'perf.html', 'perf.json']

test('the workflow runs PR mode on pushes and pull requests, strict mode on the schedule, as the README says', () => {
  expect(workflow.on).toMatchObject({ schedule: [{ cron: '0 3 * * *' }] })
  expect(Object.keys(workflow.on as object).sort()).toEqual([
    'pull_request',
    'push',
    'schedule',
    'workflow_dispatch',
  ])
  expect(PR.if).toBe("github.event_name == 'push' || github.event_name == 'pull_request'")
  expect(NIGHTLY.if).toBe("github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'")
  const strict = NIGHTLY.steps.find((s) => s.name === 'Perf gates, strict')
  expect(strict?.env).toEqual({ STRICT_PERF: '1' })
  expect(README).toContain(commandOf(PR, 'Tests and perf gates'))
  expect(README).toContain(`STRICT_PERF=1 ${commandOf(NIGHTLY, 'Perf gates, strict')}`)
})

describe.concurrent('recipe: nightly strict perf', () => {
  test('as shipped, the gate passes in PR mode on a push and in strict mode at night, and both keep the reports', async () => {
    const artifacts: Artifacts = new Map()
    const pr = await runJob(PR, { runner: 'jest30', files: SHIPPED, artifacts })
    expect(pr.ok, output(pr, 'Tests and perf gates')).toBe(true)
    expect(output(pr, 'Tests and perf gates')).toMatch(/@steadfast\/perf: 1 gate, 0 failed, mode PR/)
    expect(output(pr, 'Tests and perf gates')).toMatch(/Tests: +3 passed, 3 total/)
    const prReport = uploaded(artifacts, 'perf-report-pr')
    expect(prReport.files).toEqual(REPORTS)
    expect(prReport.gates).toMatchObject([{ mode: 'pr', outcome: 'SATISFIED', rounds: 30, margin: 0.05 }])

    const nightly = await runJob(NIGHTLY, { runner: 'jest30', files: SHIPPED, artifacts })
    expect(nightly.ok, output(nightly, 'Perf gates, strict')).toBe(true)
    // Only the perf test file, in strict mode.
    expect(output(nightly, 'Perf gates, strict')).toMatch(
      /@steadfast\/perf: 1 gate, 0 failed, mode strict \(STRICT_PERF=1\)/,
    )
    expect(output(nightly, 'Perf gates, strict')).toMatch(/Tests: +1 passed, 1 total/)
    const nightlyReport = uploaded(artifacts, 'perf-report-nightly')
    expect(nightlyReport.files).toEqual(REPORTS)
    expect(nightlyReport.gates).toMatchObject([{ mode: 'strict', outcome: 'SATISFIED', margin: 0.02 }])
    expect(nightlyReport.gates[0]?.rounds).toBeGreaterThanOrEqual(40)
  })

  test('a limit loosened far past what the code does passes PR mode with a warning and fails the nightly, which still uploads its report', async () => {
    const artifacts: Artifacts = new Map()
    const pr = await runJob(PR, { runner: 'jest30', files: loosened(), artifacts })
    expect(pr.ok, output(pr, 'Tests and perf gates')).toBe(true)
    expect(output(pr, 'Tests and perf gates')).toMatch(/\[steadfast\/perf\] .* warning \(LOOSE_LIMIT\)/)
    expect(uploaded(artifacts, 'perf-report-pr').gates).toMatchObject([
      { mode: 'pr', outcome: 'LOOSE_LIMIT' },
    ])

    const nightly = await runJob(NIGHTLY, { runner: 'jest30', files: loosened(), artifacts })
    expect(nightly.ok).toBe(false)
    expect(nightly.step('Perf gates, strict').exitCode).toBe(1)
    expect(output(nightly, 'Perf gates, strict')).toMatch(
      /failed as LOOSE_LIMIT: the limit 1\.000× is more than 3× looser/,
    )
    expect(output(nightly, 'Perf gates, strict')).toMatch(/@steadfast\/perf: 1 gate, 1 failed, mode strict/)
    const report = uploaded(artifacts, 'perf-report-nightly')
    expect(report.files).toEqual(REPORTS)
    expect(report.gates).toMatchObject([{ mode: 'strict', outcome: 'LOOSE_LIMIT' }])
  })
})
