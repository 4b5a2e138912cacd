// Jest: `reporters: ['default', '@steadfast/rejections/jest-reporter']`. Runs in Jest's main
// process: clears what a previous run left, and prints the merged summary at the end.
import { ROOT_ENV, readSharedConfig, runDirectory } from '@steadfast/core'
import { endOfRun } from './_endOfRun.js'
import { OPTIONS_ENV, serializeOptions } from './_optionsJson.js'
import { type RejectionsOptions, resolveRejectionsOptions } from './options.js'
import { clearWorkerArtifacts } from './report.js'

/** The Jest reporter of @steadfast/rejections. Its options, if given, are ignored in favour of steadfast.config.*. */
export default class RejectionsReporter {
  readonly #dir: string
  readonly #hangTimeout: number

  constructor(globalConfig: { rootDir?: string; watch?: boolean; watchAll?: boolean }) {
    const root = globalConfig.rootDir ?? process.cwd()
    const options = resolveRejectionsOptions(
      readSharedConfig(root, 'rejections') as RejectionsOptions | undefined,
    )
    this.#dir = runDirectory(root, options.dir)
    // In watch mode Jest calls the reporter after every run and is meant to stay alive.
    this.#hangTimeout = globalConfig.watch || globalConfig.watchAll ? 0 : options.hangTimeout
    // Workers start after the reporters and inherit this: they take the options validated here
    // instead of loading the schema library again in every test file.
    process.env[OPTIONS_ENV] = serializeOptions(options)
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
