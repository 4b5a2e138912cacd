// Fixture projects for @steadfast/respawn, written once for both runners. A test file's body is
// written against `api` (a process handle) and `T(name, async (api) => …)`; the header turns T into
// a Vitest test using the `.fixture()` (or `useProcess`) and into a Jest test using `useProcess`.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect } from 'vitest'
import { type FixtureOptions, type FixtureRun, type RunnerId, runFixture } from '../harness/index.js'
import { SERVER } from './_server.js'

/** How a file gets its process: `.fixture()`, useProcess from the runner's entry, or from the main entry. */
export type Style = 'fixture' | 'useProcess' | 'main'

/** `defineProcess` options (as JS source) of the server fixture, with `flags` passed to it. */
export function serverOptions(flags: string[] = [], extra = ''): string {
  const args = ["'server.cjs'", "'--port'", "'{port}'", ...flags.map((f) => `'${f}'`)].join(', ')
  return `{
  name: 'api',
  command: process.execPath,
  args: [${args}],
  env: { PIDS_DIR: PIDS },
  ready: { http: 'http://127.0.0.1:{port}/health' },
  // Far above what a loopback GET takes even on a loaded machine: a hung server is one that
  // does not answer within it.
  health: { http: 'http://127.0.0.1:{port}/health', timeout: 2000 },
  stopTimeout: 500,${extra}
}`
}

const HTTP_HELPER = `
function recordPid(pid, role) {
  const fs = require_fs()
  const stat = fs.readFileSync('/proc/' + pid + '/stat', 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  fs.mkdirSync(PIDS, { recursive: true })
  fs.writeFileSync(join(PIDS, String(pid)), JSON.stringify({ pid, pgid: Number(fields[2]), start: Number(fields[19]), role }))
}
// Resolves once the socket is closed, not at the end of the body: no test leaves a socket open.
function get(url) {
  return new Promise((resolve, reject) => {
    let result
    const req = http.get(url, { agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c) => { body += c })
      res.on('end', () => { result = { status: res.statusCode, body } })
    })
    req.on('error', reject)
    req.on('close', () => (result ? resolve(result) : reject(new Error('closed before a response'))))
  })
}
`

function header(runner: RunnerId, style: Style, options: string): string {
  if (runner.startsWith('vitest')) {
    const use =
      style === 'fixture'
        ? `const test = base.extend({ api: apiProcess.fixture() })
const T = (name, fn, opts) => test(name, opts ?? {}, ({ api }) => fn(api))`
        : `const api = ${style === 'main' ? 'useProcessFromMain' : 'useProcess'}(apiProcess)
const T = (name, fn, opts) => base(name, opts ?? {}, () => fn(api))`
    return `import { test as base, beforeAll, expect } from 'vitest'
import http from 'node:http'
import fs from 'node:fs'
const require_fs = () => fs
import { join } from 'node:path'
import { defineProcess, ProcessDegradedError, useProcess as useProcessFromMain } from '@steadfast/respawn'
import { useProcess } from '@steadfast/respawn/vitest'
const PIDS = join(process.cwd(), 'pids')
const apiProcess = defineProcess(${options})
${use}
${HTTP_HELPER}`
  }
  return `const http = require('node:http')
const require_fs = () => require('node:fs')
const { join } = require('node:path')
const { defineProcess, ProcessDegradedError } = require('@steadfast/respawn')
const { useProcess } = require('@steadfast/respawn${style === 'main' ? '' : '/jest'}')
const PIDS = join(process.cwd(), 'pids')
const apiProcess = defineProcess(${options})
const api = useProcess(apiProcess)
const T = (name, fn, opts) => test(name, () => fn(api))
${HTTP_HELPER}`
}

/** One test file: the header for the runner, then `body` (tests written with T). */
export function testFile(
  runner: RunnerId,
  body: string,
  options = serverOptions(),
  style: Style = 'fixture',
): string {
  return `${header(runner, style, options)}\n${body}`
}

/**
 * The runner config with the plugin (Vitest) or the reporter (Jest), unless `plugin` is false,
 * and the server program.
 */
export function project(
  runner: RunnerId,
  files: Record<string, string>,
  { vitestTest = '', plugin = true }: { vitestTest?: string; plugin?: boolean } = {},
): Record<string, string> {
  const vitestConfig = plugin
    ? `import respawn from '@steadfast/respawn/vitest'
export default { plugins: [respawn()], test: { ${vitestTest} } }
`
    : `export default { test: { ${vitestTest} } }
`
  const reporters = plugin ? "reporters: ['default', '@steadfast/respawn/jest-reporter']," : ''
  const config: Record<string, string> = runner.startsWith('vitest')
    ? { 'vitest.config.mjs': vitestConfig }
    : {
        'jest.config.js': `module.exports = {
  testEnvironment: 'node',
  transform: {},
  ${reporters}
}
`,
      }
  return { ...config, 'server.cjs': SERVER, ...files }
}

/** A Vitest reporter (fixture file) that writes every test annotation to annotations.json. */
export const ANNOTATIONS_REPORTER = `import { writeFileSync } from 'node:fs'
const seen = []
export default class Annotations {
  onTestCaseAnnotate(testCase, annotation) {
    seen.push({ test: testCase.name, type: annotation.type, message: annotation.message })
    writeFileSync('annotations.json', JSON.stringify(seen))
  }
}
`

/** The annotations the ANNOTATIONS_REPORTER saw. */
export function annotations(run: FixtureRun): Array<{ test: string; type: string; message: string }> {
  try {
    return JSON.parse(readFileSync(join(run.dir, 'annotations.json'), 'utf8'))
  } catch {
    return []
  }
}

/** The name of a fixture test file for the runner (`.test.js`; CommonJS for Jest, ESM for Vitest). */
export const file = (name: string): string => `${name}.test.js`

interface RecordedPid {
  pid: number
  pgid: number
  start: number
  role: string
}

/** Every process the fixture programs recorded in `pids/` of the run's folder. */
export function recordedPids(run: FixtureRun): RecordedPid[] {
  const dir = join(run.dir, 'pids')
  let names: string[] = []
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  return names.map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as RecordedPid)
}

function stillRuns(recorded: RecordedPid): boolean {
  let stat: string
  try {
    stat = readFileSync(`/proc/${recorded.pid}/stat`, 'utf8')
  } catch {
    return false
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return Number(fields[19]) === recorded.start && fields[0] !== 'Z'
}

function groupRuns(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
  } catch {
    return false
  }
  // Only zombies waiting to be reaped would still answer: those are dead.
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .some((n) => {
      try {
        const stat = readFileSync(`/proc/${n}/stat`, 'utf8')
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
        return Number(fields[2]) === pgid && fields[0] !== 'Z'
      } catch {
        return false
      }
    })
}

/** The recorded processes (by pid and start time) and process groups that still run. */
export function survivors(run: FixtureRun): string[] {
  const recorded = recordedPids(run)
  const alive = recorded.filter(stillRuns).map((r) => `${r.role} pid ${r.pid}`)
  const groups = [...new Set(recorded.map((r) => r.pgid))].filter(groupRuns).map((g) => `process group ${g}`)
  return [...alive, ...groups]
}

/**
 * Asserts that no process of the fixture remains, by pid and by process group. `grace` is the
 * watchdog's own bound (its SIGTERM wait, then SIGKILL) for runs whose worker died: it may still
 * be at work when the runner has exited. Without it, teardown must have finished the job already.
 */
export async function expectNoSurvivors(run: FixtureRun, grace = 0): Promise<void> {
  expect(recordedPids(run).length).toBeGreaterThan(0)
  const deadline = Date.now() + grace
  while (survivors(run).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  expect(survivors(run)).toEqual([])
}

const finished: FixtureRun[] = []
// Registered by every test file that imports this module: after each test, whatever its runs left
// (a failed assertion skips the test's own checks) is killed.
afterEach(() => {
  for (const run of finished.splice(0)) killSurvivors(run)
})

/** `runFixture`, with every process the run left killed after the test, whatever it asserted. */
export async function runRespawnFixture(options: FixtureOptions): Promise<FixtureRun> {
  const run = await runFixture(options)
  finished.push(run)
  return run
}

/** Kills (SIGKILL) whatever a failed test left, so one failure does not leak into the machine. */
export function killSurvivors(run: FixtureRun): void {
  for (const r of recordedPids(run)) {
    if (!stillRuns(r)) continue
    try {
      process.kill(r.pid, 'SIGKILL')
    } catch {
      // gone
    }
  }
}

/** stdout and stderr of a run, joined. */
export const output = (run: FixtureRun): string => `${run.stdout}\n${run.stderr}`

/** The merged artifact the run wrote to .steadfast/respawn.json. */
export function artifact(run: FixtureRun): { records: Array<Record<string, unknown>> } {
  return JSON.parse(readFileSync(join(run.dir, '.steadfast', 'respawn.json'), 'utf8'))
}
