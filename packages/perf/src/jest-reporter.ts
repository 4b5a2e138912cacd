// Jest: `reporters: ['default', '@steadfast/perf/jest-reporter']`. Runs in Jest's main process:
// validates the options once, clears what a previous run left, and reports at the end.
import { handToWorkers, optionsFromUmbrella } from '@steadfast/core'
import { endOfRun } from './_endOfRun.js'
import { ownOptions } from './_resolved.js'
import type { ResolvedPerfOptions } from './options.js'
import { clearWorkerArtifacts } from './report.js'
import { handedOf, PART } from './settings.js'

/**
 * The Jest reporter of @steadfast/perf. Options come from steadfast.config.* ("perf"), or resolved
 * from the umbrella's reporter.
 */
export default class PerfReporter {
  readonly #options: ResolvedPerfOptions
  readonly #dir: string

  constructor(globalConfig: { rootDir?: string }, reporterOptions?: unknown) {
    const root = globalConfig.rootDir ?? process.cwd()
    this.#options = optionsFromUmbrella<ResolvedPerfOptions>(reporterOptions) ?? ownOptions(root)
    const handed = handedOf(this.#options, root)
    this.#dir = handed.settings.dir
    // Workers start after the reporters and inherit this.
    handToWorkers(PART, handed)
  }

  onRunStart(): void {
    clearWorkerArtifacts(this.#dir)
  }

  onRunComplete(): void {
    endOfRun(this.#dir, { html: this.#options.html, bencher: this.#options.bencher })
  }

  getLastError(): Error | undefined {
    return undefined
  }
}
