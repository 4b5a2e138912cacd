// Jest: `reporters: ['default', '@steadfast/perf/jest-reporter']`. Runs in Jest's main process:
// validates the options once, clears what a previous run left, and reports at the end.
import { readSharedConfig } from '@steadfast/core'
import { endOfRun } from './_endOfRun.js'
import { type PerfOptions, type ResolvedPerfOptions, resolvePerfOptions, settingsOf } from './options.js'
import { clearWorkerArtifacts } from './report.js'
import { SETTINGS_ENV } from './settings.js'

/** The Jest reporter of @steadfast/perf. Options come from steadfast.config.* ("perf"). */
export default class PerfReporter {
  readonly #options: ResolvedPerfOptions
  readonly #dir: string

  constructor(globalConfig: { rootDir?: string }) {
    const root = globalConfig.rootDir ?? process.cwd()
    this.#options = resolvePerfOptions(readSharedConfig(root, 'perf') as PerfOptions | undefined)
    const settings = settingsOf(this.#options, root)
    this.#dir = settings.dir
    // Workers start after the reporters and inherit this.
    process.env[SETTINGS_ENV] = JSON.stringify(settings)
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
