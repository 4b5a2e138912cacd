import { basename, dirname, join } from 'node:path'
import {
  encodeOptions,
  JEST_RUNTIMES_ENV,
  readSharedConfigFile,
  SHARED_CONFIG_ENV,
  SteadfastConfigError,
} from '@steadfast/core'
import { PARTS, type Part, type PartKey, resolvePart, sibling } from './_parts.js'
import type { CombinedReporterOptions } from './jest-reporter.js'
import { resolveSteadfastOptions, type SteadfastOptions } from './options.js'

/** The parts of a Jest config `withSteadfast` adds to. */
export interface JestConfigLike {
  setupFilesAfterEnv?: string[]
  /** Jest's projects: each gets the parts' setup files (Jest reads them per project). */
  projects?: Array<string | Record<string, unknown>>
  reporters?: Array<string | [string, Record<string, unknown>]>
  [key: string]: unknown
}

/**
 * A Jest config with the whole suite on: one setup file and one reporter of Steadfast added to
 * yours, which install and run each enabled package's. Options given here stand for
 * `steadfast.config.*` (they reach Jest's workers through the `STEADFAST_CONFIG` environment
 * variable); without them, that file is read.
 *
 * @example
 * // jest.config.js
 * const { withSteadfast } = require('steadfast/jest')
 * module.exports = withSteadfast({ testEnvironment: 'node' }, { rejections: { leaks: 'fail' } })
 *
 * @throws SteadfastConfigError naming the path of a bad option, its value and the fix.
 */
export function withSteadfast<T extends JestConfigLike>(config?: T, options?: SteadfastOptions): T {
  // Without options in code, the parts read steadfast.config.*: checked here first, as a whole, so a
  // mistake anywhere in it (a misspelt part too) stops Jest before any test, naming its path.
  const parts = resolveSteadfastOptions(
    options ?? (readSharedConfigFile(process.cwd()) as SteadfastOptions | undefined),
  )
  if (options !== undefined) {
    process.env[SHARED_CONFIG_ENV] = encodeOptions(options)
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
  return {
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
            [
              commonJsFile(sibling('jest-reporter.js')),
              {
                parts: enabled.map((part) => part.key as PartKey),
                reporters: enabled.map((part) => resolvePart(part.jest.reporter)),
              } satisfies CombinedReporterOptions,
            ] as [string, Record<string, unknown>],
          ]
        : []),
    ],
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
