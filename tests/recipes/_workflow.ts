// Runs a recipe's GitHub Actions workflow the way Actions would, on this machine: each job in its own
// copy of the project (its own "runner"), the `run:` steps as written, the artifact actions emulated
// by copying files between the copies. What the recipes' workflows use, nothing more: the checkout and
// setup-node actions and `npm ci` are no-ops (the copy is checked out and installed), a step after a
// failed one runs only when its `if:` says `always()` or `!cancelled()`, and an expression other than
// `matrix.<key>` and `strategy.job-total` is an error rather than a silent empty string.

import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { REPO_ROOT } from '../../scripts/fixture-project.mjs'
import {
  type CommandOptions,
  createProject,
  type RunnerId,
  runCommand,
  type ScriptRun,
} from '../harness/index.js'
import { parseYaml, type YamlValue } from './_yaml.js'

export interface Step {
  name?: string
  run?: string
  uses?: string
  if?: string
  with: Record<string, string>
  env: Record<string, string>
}

export interface Job {
  id: string
  /** The job's `if:`, not evaluated: the tests pick the jobs an event runs, and check this says so. */
  if?: string
  steps: Step[]
  /** The matrix's values, one list per key (`shard: [1, 2]`). */
  matrix: Record<string, string[]>
}

export interface Workflow {
  /** The parsed `on:` value: event names, or a mapping of them (`schedule`, `workflow_dispatch`…). */
  on: YamlValue
  jobs: Record<string, Job>
}

export interface StepRun extends ScriptRun {
  step: Step
  /** The command line as run, its expressions expanded. */
  command: string
}

/** Files an upload step stored, by path inside the artifact, each with its content. */
export type Artifacts = Map<string, Map<string, Buffer>>

const asRecord = (value: YamlValue | undefined): Record<string, YamlValue> =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : {}
const asStrings = (value: YamlValue | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(asRecord(value)).map(([k, v]) => [k, String(v)]))

export function readWorkflow(path: string): Workflow {
  const doc = asRecord(parseYaml(readFileSync(path, 'utf8')))
  const jobs: Record<string, Job> = {}
  for (const [id, raw] of Object.entries(asRecord(doc.jobs))) {
    const job = asRecord(raw)
    const matrix = asRecord(asRecord(job.strategy).matrix)
    jobs[id] = {
      id,
      if: job.if === undefined ? undefined : String(job.if),
      matrix: Object.fromEntries(
        Object.entries(matrix).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map(String)]),
      ),
      steps: (Array.isArray(job.steps) ? job.steps : []).map((s) => {
        const step = asRecord(s)
        return {
          name: step.name === undefined ? undefined : String(step.name),
          run: step.run === undefined ? undefined : String(step.run),
          uses: step.uses === undefined ? undefined : String(step.uses),
          if: step.if === undefined ? undefined : String(step.if),
          with: asStrings(step.with),
          env: asStrings(step.env),
        }
      }),
    }
  }
  return { on: doc.on ?? null, jobs }
}

/** The job `id` of `workflow`; an error when there is none. */
export function jobOf(workflow: Workflow, id: string): Job {
  const job = workflow.jobs[id]
  if (!job) throw new Error(`no job "${id}" in the workflow (jobs: ${Object.keys(workflow.jobs).join(', ')})`)
  return job
}

/** The `run:` of the step named `name` in `job`: to check that a README shows the same command. */
export function commandOf(job: Job, name: string): string {
  const step = job.steps.find((s) => s.name === name)
  if (!step?.run) throw new Error(`no step "${name}" with a run: in job ${job.id}`)
  return step.run
}

export interface JobOptions {
  runner: RunnerId
  /** The project's files (the example, copied). */
  files: Record<string, string>
  /** This job's matrix values (`{ shard: '1' }`) and how many jobs the matrix made. */
  matrix?: Record<string, string>
  jobTotal?: number
  /** Shared by the jobs of one workflow run: what upload steps stored, download steps read. */
  artifacts: Artifacts
  /** Where the job checks out (emptied first): the same for every job of a workflow run, as on Actions. */
  dir?: string
  /** Variables for every command (a scheduled run's, say), after each step's own `env:`. */
  env?: Record<string, string>
  timeout?: CommandOptions['timeout']
}

export interface JobRun {
  dir: string
  steps: StepRun[]
  /** Did every step that ran succeed? */
  ok: boolean
  /** The run of the step named `name`; an error naming the steps that ran when it did not run. */
  step(name: string): StepRun
}

/** Runs one job of a workflow in a fresh copy of the project. */
export async function runJob(job: Job, options: JobOptions): Promise<JobRun> {
  const dir = await createProject({ runner: options.runner, files: options.files, dir: options.dir })
  const steps: StepRun[] = []
  let failed = false
  const expand = (text: string): string =>
    text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
      if (expression === 'strategy.job-total') return String(options.jobTotal ?? 1)
      const key = /^matrix\.([\w-]+)$/.exec(expression)?.[1]
      const value = key === undefined ? undefined : options.matrix?.[key]
      if (value === undefined) throw new Error(`cannot expand \${{ ${expression} }} in job ${job.id}`)
      return value
    })
  for (const step of job.steps) {
    if (failed && !/always\(\)|!cancelled\(\)/.test(step.if ?? '')) continue
    if (step.uses) {
      const action = step.uses.replace(/@.*/, '')
      const params = Object.fromEntries(Object.entries(step.with).map(([k, v]) => [k, expand(v)]))
      if (action === 'actions/upload-artifact') upload(dir, params, options.artifacts)
      else if (action === 'actions/download-artifact') download(dir, params, options.artifacts)
      else if (action !== 'actions/checkout' && action !== 'actions/setup-node')
        throw new Error(`the workflow emulator does not know ${step.uses}`)
      continue
    }
    if (step.run === undefined || step.run.trim() === 'npm ci') continue
    const command = expand(step.run)
    const run = await runCommand(dir, command, {
      env: { ...step.env, ...options.env },
      timeout: options.timeout,
    })
    steps.push({ ...run, step, command })
    if (run.exitCode !== 0) failed = true
  }
  return {
    dir,
    steps,
    ok: !failed,
    step(name) {
      const found = steps.find((s) => s.step.name === name)
      if (found) return found
      const ran = steps.map(
        (s) => `  ${s.step.name ?? s.command}: exit ${s.exitCode}\n${s.stdout}\n${s.stderr}`,
      )
      throw new Error(`step "${name}" of job ${job.id} did not run. Steps that ran:\n${ran.join('\n')}`)
    },
  }
}

/**
 * actions/upload-artifact: each line of `path` a file, a folder (its contents) or a glob in the
 * last segment, stored relative to its folder; hidden files only with `include-hidden-files`.
 */
function upload(dir: string, params: Record<string, string>, artifacts: Artifacts): void {
  const name = params.name ?? 'artifact'
  const files = new Map<string, Buffer>()
  for (const line of (params.path ?? '').split('\n').filter(Boolean)) {
    const path = line.trim().replace(/\/$/, '')
    const single = !path.includes('*') && existsSync(join(dir, path)) && statSync(join(dir, path)).isFile()
    const root = path.includes('*') || single ? dirname(path) : path
    const pattern = path.includes('*') || single ? globToRegExp(basename(path)) : undefined
    if (!existsSync(join(dir, root))) continue
    for (const file of walk(join(dir, root))) {
      if (pattern && (file.includes('/') || !pattern.test(file))) continue
      const hidden = `${root}/${file}`.split('/').some((part) => part.startsWith('.') && part !== '.')
      if (hidden && params['include-hidden-files'] !== 'true') continue
      files.set(file, readFileSync(join(dir, root, file)))
    }
  }
  if (files.size === 0) return // upload-artifact warns "No files were found" and uploads nothing
  artifacts.set(name, files)
}

/** actions/download-artifact: by `name` into `path`; by `pattern` into `path/<name>/`, or all into `path`. */
function download(dir: string, params: Record<string, string>, artifacts: Artifacts): void {
  const pattern = globToRegExp(params.pattern ?? params.name ?? '*')
  const flat = params.name !== undefined || params['merge-multiple'] === 'true'
  for (const [name, files] of artifacts) {
    if (!pattern.test(name)) continue
    const into = join(dir, params.path ?? '.', flat ? '' : name)
    for (const [file, content] of files) {
      mkdirSync(dirname(join(into, file)), { recursive: true })
      writeFileSync(join(into, file), content)
    }
  }
}

function walk(root: string, prefix = ''): string[] {
  return readdirSync(join(root, prefix)).flatMap((entry) => {
    const file = prefix ? `${prefix}/${entry}` : entry
    return statSync(join(root, file)).isDirectory() ? walk(root, file) : [file]
  })
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)
}

const NOT_COPIED = new Set(['node_modules', '.steadfast', '.vitest-reports', 'shards'])

/** Every file of examples/<name>, as a user's checkout has it (nothing a run left behind). */
export function exampleFiles(name: string): Record<string, string> {
  const root = join(REPO_ROOT, 'examples', name)
  const files: Record<string, string> = {}
  const visit = (prefix: string): void => {
    for (const entry of readdirSync(join(root, prefix))) {
      if (NOT_COPIED.has(entry)) continue
      const file = prefix ? `${prefix}/${entry}` : entry
      if (statSync(join(root, file)).isDirectory()) visit(file)
      else files[file] = readFileSync(join(root, file), 'utf8')
    }
  }
  visit('')
  return files
}

export interface WorkflowRun {
  /** Each job's runs, one per matrix combination (one for a job without a matrix). */
  jobs: Record<string, JobRun[]>
  artifacts: Artifacts
  /** The runs of job `id`. */
  runs(id: string): JobRun[]
  /** The one run of job `id`, a job without a matrix. */
  job(id: string): JobRun
  /** The files artifact `name` holds, by path; an error when no step uploaded it. */
  artifact(name: string): Map<string, Buffer>
}

/**
 * Runs every job of `workflow` in file order (the recipes list a job after the jobs it `needs`),
 * each in a fresh copy of the project at one path, as every Actions job checks out at the same
 * path: the runs of a matrix one after the other, where Actions would run them side by side.
 * `JobRun.dir` is only valid until the next job starts: read what a job left in its `steps`.
 */
export async function runWorkflow(
  workflow: Workflow,
  options: Omit<JobOptions, 'artifacts' | 'matrix' | 'jobTotal' | 'dir'>,
): Promise<WorkflowRun> {
  const artifacts: Artifacts = new Map()
  const jobs: Record<string, JobRun[]> = {}
  const dir = join(tmpdir(), `steadfast-workflow-${randomBytes(6).toString('hex')}`)
  for (const job of Object.values(workflow.jobs)) {
    const combinations = matrixCombinations(job.matrix)
    const runs: JobRun[] = []
    for (const matrix of combinations)
      runs.push(await runJob(job, { ...options, matrix, jobTotal: combinations.length, artifacts, dir }))
    jobs[job.id] = runs
  }
  const runsOf = (id: string): JobRun[] => {
    const runs = jobs[id]
    if (!runs) throw new Error(`no job "${id}" ran (jobs: ${Object.keys(jobs).join(', ')})`)
    return runs
  }
  return {
    jobs,
    artifacts,
    runs: runsOf,
    job(id) {
      const [run, ...more] = runsOf(id)
      if (!run || more.length > 0) throw new Error(`job "${id}" ran ${more.length + 1} times, not once`)
      return run
    },
    artifact(name) {
      const files = artifacts.get(name)
      if (!files) throw new Error(`no artifact "${name}" (uploaded: ${[...artifacts.keys()].join(', ')})`)
      return files
    },
  }
}

function matrixCombinations(matrix: Record<string, string[]>): Record<string, string>[] {
  let combinations: Record<string, string>[] = [{}]
  for (const [key, values] of Object.entries(matrix))
    combinations = combinations.flatMap((c) => values.map((v) => ({ ...c, [key]: v })))
  return combinations
}
