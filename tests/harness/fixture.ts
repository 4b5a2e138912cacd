import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmod, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { installWorkspacePackages, runnerEnv } from '../../scripts/fixture-project.mjs'
import { parseReport, type RunReport, type TestOutcome } from './report.js'
import { type RunnerId, type RunnerInfo, resolvePackageDir, runnerInfo } from './runners.js'

export interface FixtureOptions {
  runner: RunnerId
  /** Files of the fixture project, by relative path. A runner config is written when none is given. */
  files: Record<string, string>
  /** Extra CLI arguments for the runner. */
  args?: string[]
  /** Extra environment variables for the runner process. */
  env?: Record<string, string>
  /** Other packages from tests/node_modules to link into the fixture (e.g. `@sinonjs/fake-timers`). */
  link?: string[]
  /**
   * Kill the runner (whole process group) after this many ms and fail the run.
   * @default 120_000
   */
  timeout?: number
  /**
   * Run again in the folder of an earlier run (`run.dir`), writing `files` over it, as CI runs
   * several commands in one checkout (shards, then a merge).
   */
  in?: string
}

export interface FixtureRun {
  runner: RunnerInfo
  /** The fixture project's folder (removed by `cleanup`). */
  dir: string
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** The parsed JSON report; an empty report when the runner wrote none (see `reportError`). */
  report: RunReport
  reportError: string | undefined
  /** Look a test up by its full name (describe titles and title joined with " > "). */
  test(fullName: string): TestOutcome
  /** Test states by full name: easy to compare with `toEqual`. */
  states(): Record<string, string>
}

const live = new Set<ChildProcess>()
const dirs = new Set<string>()

/**
 * Writes a fixture project to a fresh temp folder, runs a real Vitest or Jest process on it against
 * this repo's built packages, and returns its exit code, output and parsed JSON report.
 */
export async function runFixture(options: FixtureOptions): Promise<FixtureRun> {
  const runner = runnerInfo(options.runner)
  const dir =
    options.in ?? join(tmpdir(), `steadfast-fixture-${options.runner}-${randomBytes(6).toString('hex')}`)
  dirs.add(dir)
  if (options.in) await writeFiles(dir, options.files)
  else await writeFixture(dir, runner, options)

  const reportFile = join(dir, '.report.json')
  const args =
    runner.kind === 'vitest'
      ? [runner.bin, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`]
      : [runner.bin, '--ci', '--no-watchman', '--json', `--outputFile=${reportFile}`]
  args.push(...(options.args ?? []))

  const { exitCode, signal, stdout, stderr } = await spawnTracked(runner.node, args, {
    cwd: dir,
    env: options.env,
    timeout: options.timeout ?? 120_000,
    what: runner.id,
  })

  let report: RunReport = { tests: [], files: [], numPassed: 0, numFailed: 0, success: false }
  let reportError: string | undefined
  try {
    report = parseReport(await readFile(reportFile, 'utf8'), dir)
  } catch (error) {
    reportError = `no JSON report from ${runner.id}: ${(error as Error).message}`
  }

  return {
    runner,
    dir,
    exitCode,
    signal,
    stdout,
    stderr,
    report,
    reportError,
    test(fullName) {
      const found = report.tests.find((t) => t.fullName === fullName)
      if (!found) {
        const known = report.tests.map((t) => `  ${t.fullName}`).join('\n')
        throw new Error(
          `No test "${fullName}" in the ${runner.id} report. Known:\n${known}\n${reportError ?? ''}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`,
        )
      }
      return found
    },
    states() {
      return Object.fromEntries(report.tests.map((t) => [t.fullName, t.state]))
    },
  }
}

export interface NodeScriptOptions {
  /** Files of the fixture, by relative path. */
  files: Record<string, string>
  /** The file to run with `node`. */
  entry: string
  /** Arguments after the entry. */
  args?: string[]
  /** Other packages from tests/node_modules to link into the fixture. */
  link?: string[]
  env?: Record<string, string>
  /**
   * Kill the script (whole process group) after this many ms and fail the run.
   * @default 30_000
   */
  timeout?: number
}

export interface ScriptRun {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Runs a plain Node script that imports this repo's built packages, outside any test runner. */
export async function runNodeScript(options: NodeScriptOptions): Promise<ScriptRun & { dir: string }> {
  const dir = join(tmpdir(), `steadfast-script-${randomBytes(6).toString('hex')}`)
  dirs.add(dir)
  await writeFiles(dir, {
    'package.json': JSON.stringify({ name: 'script', private: true }),
    ...options.files,
  })
  await linkPackages(dir, {}, options.link)
  const run = await spawnTracked(process.execPath, [options.entry, ...(options.args ?? [])], {
    cwd: dir,
    env: options.env,
    timeout: options.timeout ?? 30_000,
    what: `node ${options.entry}`,
  })
  return { ...run, dir }
}

export interface ProjectOptions {
  runner: RunnerId
  /** Files of the project, by relative path (the runner config among them). */
  files: Record<string, string>
  /** Other packages from tests/node_modules to link in. */
  link?: string[]
  /**
   * Where to write it, emptied first; a fresh temp folder when not given. Jobs of one CI workflow
   * all check out at the same path, and Vitest's blob reports hold absolute paths.
   */
  dir?: string
}

/**
 * Writes a project to a fresh temp folder with this repo's built packages and the runner, as
 * `npm ci` would leave it: every package's commands in `node_modules/.bin`, and an `npx` there
 * that runs only those (it never downloads). Run commands in it with `runCommand`.
 */
export async function createProject(options: ProjectOptions): Promise<string> {
  const runner = runnerInfo(options.runner)
  const dir =
    options.dir ?? join(tmpdir(), `steadfast-project-${options.runner}-${randomBytes(6).toString('hex')}`)
  dirs.add(dir)
  await rm(dir, { recursive: true, force: true })
  await writeFiles(dir, options.files)
  await linkPackages(dir, { [runner.kind]: runner.packageDir }, options.link)
  await writeBinShims(dir, runner)
  return dir
}

export interface CommandOptions {
  /** Extra environment variables (the outer runner's, Steadfast's and CI's own are not passed on). */
  env?: Record<string, string>
  /**
   * Kill the command (whole process group) after this many ms and fail.
   * @default 120_000
   */
  timeout?: number
}

/** Runs a shell command line in a project made by `createProject`, as a CI step would. */
export async function runCommand(
  dir: string,
  command: string,
  options: CommandOptions = {},
): Promise<ScriptRun> {
  const bin = join(dir, 'node_modules', '.bin')
  return spawnTracked('bash', ['-c', command], {
    cwd: dir,
    env: { ...options.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
    timeout: options.timeout ?? 120_000,
    what: command,
  })
}

/** One shim per command of the packages in `dir`/node_modules, run by the runner's Node. */
async function writeBinShims(dir: string, runner: RunnerInfo): Promise<void> {
  const modules = join(dir, 'node_modules')
  const names: string[] = []
  for (const entry of await readdir(modules)) {
    if (entry.startsWith('.')) continue
    if (entry.startsWith('@'))
      names.push(...(await readdir(join(modules, entry))).map((n) => `${entry}/${n}`))
    else names.push(entry)
  }
  const shims: Record<string, string> = {}
  for (const name of names) {
    const manifest = JSON.parse(await readFile(join(modules, name, 'package.json'), 'utf8')) as {
      name: string
      bin?: string | Record<string, string>
    }
    const bins = typeof manifest.bin === 'string' ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {})
    for (const [command, file] of Object.entries(bins))
      shims[command] = `#!/bin/sh\nexec "${runner.node}" "${join(modules, name, file)}" "$@"\n`
  }
  // npx runs what is installed, and fails rather than fetch a package from the registry.
  shims.npx = `#!/bin/sh
if [ -x "${join(modules, '.bin')}/$1" ]; then name="$1"; shift; exec "${join(modules, '.bin')}/$name" "$@"; fi
echo "npx (test shim): $1 is not installed in node_modules/.bin; the tests never download a package" >&2
exit 127
`
  await writeFiles(join(modules, '.bin'), shims)
  await Promise.all(Object.keys(shims).map((command) => chmod(join(modules, '.bin', command), 0o755)))
}

interface SpawnOptions {
  cwd: string
  env: Record<string, string> | undefined
  timeout: number
  what: string
}

async function spawnTracked(command: string, args: string[], options: SpawnOptions): Promise<ScriptRun> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: runnerEnv(options.env),
    // Its own process group, so a timeout or cleanup can kill the runner and every worker it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  live.add(child)
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    killGroup(child, 'SIGKILL')
  }, options.timeout)
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code, sig) => resolve([code, sig]))
  }).finally(() => {
    clearTimeout(timer)
    live.delete(child)
    // Whatever the run left in its process group (a fixture's leaked child, say) goes with it.
    killGroup(child, 'SIGKILL')
  })
  if (timedOut) {
    throw new Error(
      `${options.what} did not finish within ${options.timeout} ms in ${options.cwd}; killed.\n--- stdout\n${stdout}\n--- stderr\n${stderr}`,
    )
  }
  return { exitCode, signal, stdout, stderr }
}

async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  await Promise.all(
    Object.entries(files).map(async ([path, content]) => {
      await mkdir(dirname(join(dir, path)), { recursive: true })
      await writeFile(join(dir, path), content)
    }),
  )
}

async function linkPackages(dir: string, extra: Record<string, string>, link: string[] = []): Promise<void> {
  const links: Record<string, string> = { ...extra }
  for (const name of link) links[name] = resolvePackageDir(name)
  await installWorkspacePackages(dir, links)
}

async function writeFixture(dir: string, runner: RunnerInfo, options: FixtureOptions): Promise<void> {
  await writeFiles(dir, { ...defaultFiles(runner), ...options.files })
  await linkPackages(dir, { [runner.kind]: runner.packageDir }, options.link)
}

function defaultFiles(runner: RunnerInfo): Record<string, string> {
  if (runner.kind === 'vitest') {
    return {
      'package.json': JSON.stringify({ name: 'fixture', private: true, type: 'module' }),
      'vitest.config.mjs': `export default { test: {} }\n`,
    }
  }
  return {
    'package.json': JSON.stringify({ name: 'fixture', private: true }),
    // No transform: fixtures are plain CommonJS, and skipping Babel keeps each run fast.
    'jest.config.js': `module.exports = { testEnvironment: 'node', transform: {} }\n`,
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // already gone
  }
}

/** Kills every runner still running and removes every fixture folder. Call it in `afterAll`. */
export async function cleanupFixtures(): Promise<void> {
  for (const child of live) killGroup(child, 'SIGKILL')
  live.clear()
  if (process.env.STEADFAST_KEEP_FIXTURES === '1') return
  await Promise.all([...dirs].map((dir) => rm(dir, { recursive: true, force: true })))
  dirs.clear()
}
