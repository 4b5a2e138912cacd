// Jest: `reporters: ['default', '@steadfast/warnings/jest-reporter']`. Runs in Jest's main process:
// validates the options once for every worker, captures the main process's own warnings, and at
// the end merges the workers' counts into the summary, the budgets and the ratchet.
import { handToWorkers, optionsFromUmbrella } from '@steadfast/core'
import { endOfRun, updateRequested } from './_endOfRun.js'
import { startMainCapture, stopMainCapture } from './_main.js'
import { ownOptions, PART } from './_resolved.js'
import type { Runtime } from './_runtime.js'
import { mergeWorkerArtifacts } from './artifact.js'
import type { ResolvedWarningsOptions } from './options.js'

/**
 * The Jest reporter of @steadfast/warnings. Options come from steadfast.config.* ("warnings"), or
 * resolved from the umbrella's reporter; options given to this reporter in Jest's config are
 * ignored.
 */
export default class WarningsReporter {
  readonly #root: string
  readonly #options: ResolvedWarningsOptions
  readonly #shard: boolean
  #runtime: Runtime | undefined
  #error: Error | undefined

  constructor(globalConfig: { rootDir?: string; shard?: unknown }, reporterOptions?: unknown) {
    this.#root = globalConfig.rootDir ?? process.cwd()
    this.#options = optionsFromUmbrella<ResolvedWarningsOptions>(reporterOptions) ?? ownOptions(this.#root)
    this.#shard = Boolean(globalConfig.shard)
    // Workers start after the reporters and inherit this: they take the options resolved here.
    handToWorkers(PART, this.#options)
    // Now, before Jest's global setup runs, so the main process's warnings from it count too.
    this.#runtime = startMainCapture(this.#root)
  }

  onRunStart(): void {
    this.#error = undefined
    // Again for a watch-mode re-run: the previous run's capture was stopped at its end.
    this.#runtime = startMainCapture(this.#root)
  }

  onRunComplete(): void {
    const runtime = this.#runtime ?? startMainCapture(this.#root)
    stopMainCapture(runtime)
    const { store, corrupt } = mergeWorkerArtifacts(runtime.dir)
    const failures = endOfRun(store, corrupt, {
      options: this.#options,
      root: this.#root,
      dir: runtime.dir,
      update: updateRequested(),
      shard: this.#shard,
      warn: (line) => console.error(line),
    })
    // Jest exits with 1 when a reporter has an error to give.
    this.#error =
      failures.length === 0 ? undefined : failures.length === 1 ? failures[0] : new AggregateError(failures)
  }

  getLastError(): Error | undefined {
    return this.#error
  }
}
