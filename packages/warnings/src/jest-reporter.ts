// Jest: `reporters: ['default', '@steadfast/warnings/jest-reporter']`. Runs in Jest's main process:
// validates the options once for every worker, captures the main process's own warnings, and at
// the end merges the workers' counts into the summary, the budgets and the ratchet.
import { encodeOptions, readSharedConfig, runDirectory } from '@steadfast/core'
import { endOfRun, updateRequested } from './_endOfRun.js'
import { OPTIONS_ENV, processRuntime, type Runtime } from './_runtime.js'
import { clearRun, mergeWorkerArtifacts } from './artifact.js'
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
  }

  onRunStart(): void {
    clearRun(runDirectory(this.#root, this.#options.dir))
    this.#error = undefined
    this.#runtime = processRuntime(this.#root)
    this.#runtime.outside = '(main process)'
    this.#runtime.capture.acquire()
  }

  onRunComplete(): void {
    const runtime = this.#runtime ?? processRuntime(this.#root)
    runtime.capture.release()
    runtime.flush()
    const { store, corrupt } = mergeWorkerArtifacts(runtime.dir)
    const failures = endOfRun(store, corrupt, {
      options: this.#options,
      root: this.#root,
      dir: runtime.dir,
      update: updateRequested(),
      shard: this.#shard,
      log: (line) => console.log(line),
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
