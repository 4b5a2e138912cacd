import { basename, dirname, join } from 'node:path'
import {
  encodeOptions,
  GIVEN_OPTIONS,
  handToWorkers,
  isSteadfastError,
  JEST_RUNTIMES_ENV,
  readSharedConfigFile,
  SteadfastConfigError,
} from '@steadfast/core'
import { PARTS, type Part, type PartKey, resolvePart, sibling } from './_parts.js'
import { setProjectsReport } from './_projectsReport.js'
import type { CombinedReporterOptions } from './jest-reporter.js'
import { resolveSteadfastOptions, type SteadfastOptions } from './options.js'

/** The parts of a Jest config `withSteadfast` adds to. */
export interface JestConfigLike {
  setupFilesAfterEnv?: string[]
  /** Jest's projects: each gets the parts' setup files (Jest reads them per project). */
  projects?: Array<string | Record<string, unknown>>
  reporters?: Array<string | [string, Record<string, unknown>]>
  globalSetup?: string
  globalTeardown?: string
  [key: string]: unknown
}

/**
 * A Jest config with the whole suite on: one setup file and one reporter of Steadfast added to
 * yours, which install and run each enabled package's. Options given here stand for
 * `steadfast.config.*` (they reach Jest's reporters and workers through the `STEADFAST_HANDED`
 * environment variable); without them, that file is read.
 *
 * @example
 * // jest.config.js
 * const { withSteadfast } = require('steadfast/jest')
 * module.exports = withSteadfast({ testEnvironment: 'node' }, { rejections: { leaks: 'fail' } })
 *
 * @throws SteadfastConfigError naming the path of a bad option, its value and the fix.
 */
export function withSteadfast<T extends JestConfigLike>(config?: T, options?: SteadfastOptions): T {
  try {
    return wrap(config, options)
  } catch (error) {
    // Jest prints a config's error with its stack: from the line of the config that called us.
    if (isSteadfastError(error)) Error.captureStackTrace(error, withSteadfast)
    throw error
  }
}

function wrap<T extends JestConfigLike>(config: T | undefined, options: SteadfastOptions | undefined): T {
  // Without options in code, the parts read steadfast.config.*: checked here first, as a whole, so a
  // mistake anywhere in it (a misspelt part too) stops Jest before any test, naming its path.
  const parts = resolveSteadfastOptions(
    options ?? (readSharedConfigFile(process.cwd()) as SteadfastOptions | undefined),
  )
  // Resolved once, here: the reporter hands each part's reporter its own. Read from the file, they
  // hold for a run whose rootDir is this folder; elsewhere the parts read the file there.
  const handed = encodeOptions({ ...(options === undefined ? { root: process.cwd() } : {}), parts })
  if (options !== undefined) {
    const encoded = encodeOptions(options)
    sameOptionsInOneConfig(encoded)
    handToWorkers(GIVEN_OPTIONS, options)
  }
  const enabled: Array<Part<unknown>> = Object.values(PARTS).filter(
    (part) => parts[part.key as keyof typeof parts] !== false,
  )
  const base = config ?? ({} as T)
  // One setup file for every part: it installs the parts' runtimes, which Jest's workers (started
  // after the config loads, or this process in band) find in the environment.
  const runtimes = enabled.flatMap((part) =>
    part.jest.setup && part.jest.runtime
      ? [join(dirname(resolvePart(part.jest.setup)), part.jest.runtime)]
      : [],
  )
  process.env[JEST_RUNTIMES_ENV] = JSON.stringify(runtimes)
  const setupFiles = runtimes.length > 0 ? [commonJsFile(sibling('jest-setup.js'))] : []
  const reporter: CombinedReporterOptions = {
    parts: enabled.map((part) => part.key as PartKey),
    reporters: enabled.map((part) => resolvePart(part.jest.reporter)),
    handed,
  }
  const wrapped: T = {
    ...base,
    setupFilesAfterEnv: withSetupFiles(setupFiles, base.setupFilesAfterEnv),
    // Jest takes setup files from each project and ignores the root's; its reporters only from
    // the root, so the one report of the run stays here.
    ...(base.projects
      ? { projects: base.projects.map((project, at) => intoProject(project, at, setupFiles)) }
      : {}),
    reporters: [
      ...(base.reporters ?? ['default']),
      // One reporter: it runs the parts' own, in order, then prints the combined report.
      ...(enabled.length > 0
        ? [
            [commonJsFile(sibling('jest-reporter.js')), reporter as unknown as Record<string, unknown>] as [
              string,
              Record<string, unknown>,
            ],
          ]
        : []),
    ],
  }
  if (enabled.length > 0) madeInThisConfig(wrapped, reporter, base.projects !== undefined)
  return wrapped
}

/** The calls of `withSteadfast` while one config file is evaluated, told apart once it has been. */
interface ConfigLoad {
  /** What each call returned, with the reporter it would have Jest run. */
  made: Array<{ config: JestConfigLike; reporter: CombinedReporterOptions }>
  /** A call was given `projects`: it is the root, and its reporter is the run's. */
  root: boolean
  /** The options given in code by the first call that gave any. */
  options?: string
}

// A config file is evaluated in one go: its calls share one load, which is settled in a microtask
// queued by the first, before Jest (which awaits the file) reads what it exported.
let load: ConfigLoad | undefined

function currentLoad(): ConfigLoad {
  if (load) return load
  const started: ConfigLoad = { made: [], root: false }
  load = started
  queueMicrotask(() => {
    load = undefined
    settle(started)
  })
  return started
}

function madeInThisConfig(config: JestConfigLike, reporter: CombinedReporterOptions, root: boolean): void {
  const current = currentLoad()
  current.made.push({ config, reporter })
  if (root) current.root = true
}

/** Options given in code hold for the whole run (one environment variable): two sets cannot both. */
function sameOptionsInOneConfig(encoded: string): void {
  const current = currentLoad()
  if (current.options === undefined) current.options = encoded
  else if (current.options !== encoded)
    throw new SteadfastConfigError('withSteadfast (Jest config)', [
      'withSteadfast was given different options in one config; they hold for the whole run, not ' +
        `per project (${current.options} and ${encoded}). Give them once, at the root: ` +
        'module.exports = withSteadfast({ projects: [...] }, options), or in steadfast.config.*',
    ])
}

/**
 * Two or more configs wrapped and no root among them: the projects of a root that is a bare list.
 * Jest takes reporters only from the root, so the run's report comes from a global setup and
 * teardown of ours instead, given to each project without hooks of its own (Jest runs a hook's
 * module once a run, however many of the projects with tests name it). A lone wrapped config is
 * taken for the root, as it is in nearly every suite.
 */
function settle(current: ConfigLoad): void {
  if (current.root || current.made.length < 2) return
  const hosts = current.made.filter(
    ({ config }) => config.globalSetup === undefined && config.globalTeardown === undefined,
  )
  const reporter: CombinedReporterOptions = {
    parts: [...new Set(current.made.flatMap((made) => made.reporter.parts))],
    reporters: [...new Set(current.made.flatMap((made) => made.reporter.reporters))],
    // One config, one set of options (sameOptionsInOneConfig): the first call's stand for all.
    ...(current.made[0]?.reporter.handed === undefined ? {} : { handed: current.made[0].reporter.handed }),
  }
  setProjectsReport(reporter)
  for (const { config } of hosts) {
    config.globalSetup = commonJsFile(sibling('jest-global-setup.js'))
    config.globalTeardown = commonJsFile(sibling('jest-global-teardown.js'))
  }
  if (hosts.length === 0) {
    // Settled after the config's own code ran, where nothing can be thrown to Jest; nothing has
    // started yet (no worker, no global setup), so stopping here leaves nothing running.
    const error = new SteadfastConfigError('withSteadfast (Jest config)', [
      "every project wrapped with withSteadfast has a globalSetup or globalTeardown of its own, and the root is not wrapped: Jest takes reporters only from the root, so Steadfast's report has no place to run. Wrap the root: module.exports = withSteadfast({ projects: [...] })",
    ])
    console.error(`${error.name}: ${error.message}`)
    process.exit(1)
  }
}

/**
 * The CommonJS build of a file of this package: Jest requires its setup files, also when this
 * config was loaded from the ES module build.
 */
function commonJsFile(file: string): string {
  return basename(dirname(file)) === 'esm' ? join(dirname(dirname(file)), 'cjs', basename(file)) : file
}

/**
 * The parts' setup files first, as the preset's are: a part takes over the runner's process
 * listeners when it loads, and must not mistake a listener your setup file adds for the runner's.
 * A file already there (a project built with `withSteadfast` too) is not added twice.
 */
function withSetupFiles(ours: string[], theirs: string[] | undefined): string[] {
  const rest = theirs ?? []
  return [...ours.filter((file) => !rest.includes(file)), ...rest]
}

function intoProject(
  project: string | Record<string, unknown>,
  at: number,
  setupFiles: string[],
): Record<string, unknown> {
  if (typeof project === 'string' || project === null || typeof project !== 'object') {
    throw new SteadfastConfigError('withSteadfast (Jest config)', [
      `projects[${at}]: ${JSON.stringify(project)} is a path Jest reads a config from, which Steadfast's ` +
        'setup files cannot reach; give the project as an object, e.g. ' +
        `{ ...require('./${String(project)}/jest.config.js'), rootDir: '<rootDir>/${String(project)}' }, ` +
        'and keep withSteadfast at the root',
    ])
  }
  const own = project.setupFilesAfterEnv
  return {
    ...project,
    setupFilesAfterEnv: withSetupFiles(setupFiles, Array.isArray(own) ? (own as string[]) : undefined),
  }
}
