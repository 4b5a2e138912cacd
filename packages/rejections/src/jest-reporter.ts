// Jest: `reporters: ['default', '@steadfast/rejections/jest-reporter']`. Runs in Jest's main
// process: clears what a previous run left, and prints the merged summary at the end.
import { handToWorkers, optionsFromUmbrella, ROOT_ENV, runDirectory } from '@steadfast/core'
import { endOfRun } from './_endOfRun.js'
import { ownOptions, PART } from './_resolved.js'
import type { ResolvedRejectionsOptions } from './options.js'
import { clearWorkerArtifacts } from './report.js'

/**
 * The Jest reporter of @steadfast/rejections. Options come from steadfast.config.* ("rejections"),
 * or resolved from the umbrella's reporter; options given to this reporter in Jest's config are
 * ignored.
 */
export default class RejectionsReporter {
  readonly #dir: string
  readonly #hangTimeout: number

  constructor(
    globalConfig: { rootDir?: string; watch?: boolean; watchAll?: boolean },
    reporterOptions?: unknown,
  ) {
    const root = globalConfig.rootDir ?? process.cwd()
    const options = optionsFromUmbrella<ResolvedRejectionsOptions>(reporterOptions) ?? ownOptions(root)
    this.#dir = runDirectory(root, options.dir)
    // In watch mode Jest calls the reporter after every run and is meant to stay alive.
    this.#hangTimeout = globalConfig.watch || globalConfig.watchAll ? 0 : options.hangTimeout
    // Workers start after the reporters and inherit this: they take the options resolved here
    // instead of loading the schema library again in every test file.
    handToWorkers(PART, options)
    // And the root: test files name themselves, and find the run directory, from it.
    process.env[ROOT_ENV] = root
  }

  onRunStart(): void {
    clearWorkerArtifacts(this.#dir)
  }

  onRunComplete(): void {
    endOfRun(this.#dir, this.#hangTimeout, 'Jest')
  }

  getLastError(): Error | undefined {
    return undefined
  }
}
