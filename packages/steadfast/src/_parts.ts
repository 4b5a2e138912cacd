import { createRequire } from 'node:module'
import { join } from 'node:path'
import { codeDirOf, esmFileOf, type OptionsDefinition } from '@steadfast/core'
import { type PerfOptions, perfOptions } from '@steadfast/perf/options'
import { type RejectionsOptions, rejectionsOptions } from '@steadfast/rejections/options'
import { type RespawnOptions, respawnOptions } from '@steadfast/respawn/options'
import { type WarningsOptions, warningsOptions } from '@steadfast/warnings/options'
import type { z } from 'zod'

/** One package of the suite as the umbrella turns it on: its options and its Jest files. */
export interface Part<Options> {
  /** Its key in the options object (`rejections`, `warnings`...). */
  key: string
  /** Its options: the schema (built on first use) and the shape checked without it. */
  options: OptionsDefinition<z.ZodType<unknown, Options>>
  /**
   * The package's Jest setup file (when it has one) and reporter, as module specifiers, and the
   * runtime the setup file installs, by its file name beside it: the umbrella's one setup file
   * installs the runtimes of every part.
   */
  jest: { setup?: string; runtime?: string; reporter: string }
}

export const PARTS = {
  rejections: {
    key: 'rejections',
    options: rejectionsOptions,
    jest: {
      setup: '@steadfast/rejections/jest',
      runtime: '_jestFile.js',
      reporter: '@steadfast/rejections/jest-reporter',
    },
  } satisfies Part<RejectionsOptions>,
  warnings: {
    key: 'warnings',
    options: warningsOptions,
    jest: {
      setup: '@steadfast/warnings/jest',
      runtime: '_jestFile.js',
      reporter: '@steadfast/warnings/jest-reporter',
    },
  } satisfies Part<WarningsOptions>,
  respawn: {
    key: 'respawn',
    options: respawnOptions,
    // Processes are started by useProcess() in the test files: the reporter reaps and summarises.
    jest: { reporter: '@steadfast/respawn/jest-reporter' },
  } satisfies Part<RespawnOptions>,
  perf: {
    key: 'perf',
    options: perfOptions,
    jest: {
      setup: '@steadfast/perf/jest',
      runtime: '_jestRuntime.js',
      reporter: '@steadfast/perf/jest-reporter',
    },
  } satisfies Part<PerfOptions>,
}

export type PartKey = keyof typeof PARTS

export const CODE_DIR: string = codeDirOf(new Error())

/** The umbrella's one Vitest setup file (its ES module build): the projects that lack it ran without us. */
export const VITEST_SETUP_FILE: string = esmFileOf(CODE_DIR, 'vitest-setup.js')

/**
 * A part's module as an absolute path: Jest resolves `setupFilesAfterEnv` and `reporters` from the
 * project, which (with pnpm, or any strict layout) sees `steadfast` but not its dependencies.
 */
export function resolvePart(specifier: string): string {
  return createRequire(join(CODE_DIR, 'index.js')).resolve(specifier)
}

/** A file beside this module in the build. */
export function sibling(name: string): string {
  return join(CODE_DIR, name)
}
