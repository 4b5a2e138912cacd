// Jest: `reporters: ['default', '@steadfast/warnings/jest-reporter']`. Runs in Jest's main process:
// validates the options once for every worker, captures the main process's own warnings, and at
// the end merges the workers' counts into the summary, the budgets and the ratchet.
import { encodeOptions, readSharedConfig } from '@steadfast/core'
import { endOfRun, updateRequested } from './_endOfRun.js'
import { startMainCapture, stopMainCapture } from './_main.js'
import { OPTIONS_ENV, type Runtime } from './_runtime.js'
import { mergeWorkerArtifacts } from './artifact.js'
import { type ResolvedWarningsOptions, resolveWarningsOptions, type WarningsOptions } from './options.js'

/** The Jest reporter of @steadfast/warnings. Its options, if given, are ignored in favour of steadfast.config.*. */
export default class WarningsReporter {
  readonly #root: string
  readonly #options: ResolvedWarningsOptions
  readonly #shard: boolean
  #runtime: Runtime | undefined
  #error: Error | undefined

  constructor(globalConfig: { rootDir?: string; shard?: unknown }) {
    this.#root = globalConfig.rootDir ?? process.cwd()
    this.#options = resolveWarningsOptions(
      readSharedConfig(this.#root, 'warnings') as WarningsOptions | undefined,
    )
    this.#shard = Boolean(globalConfig.shard)
    // Workers start after the reporters and inherit this: they take the options validated here.
    process.env[OPTIONS_ENV] = encodeOptions(this.#options)
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
