// Jest: `reporters: ['default', '@steadfast/respawn/jest-reporter']`. Runs in Jest's main process:
// reaps what dead workers left (at the start and the end of the run), prints the summary.
import { randomBytes } from 'node:crypto'
import { readSharedConfig, runDirectory } from '@steadfast/core'
import { endOfRun, startOfRun } from './_endOfRun.js'
import { RUN_ENV, type RunSettings } from './_worker.js'
import { type RespawnOptions, resolveRespawnOptions } from './pluginOptions.js'

/** The Jest reporter of @steadfast/respawn. Options come from the `respawn` section of steadfast.config.*. */
export default class RespawnReporter {
  readonly #settings: RunSettings

  constructor(globalConfig: { rootDir?: string }) {
    const root = globalConfig.rootDir ?? process.cwd()
    const options = resolveRespawnOptions(readSharedConfig(root, 'respawn') as RespawnOptions | undefined)
    this.#settings = { dir: runDirectory(root, options.dir), runId: randomBytes(8).toString('hex') }
    // Workers start after the reporters and inherit this.
    process.env[RUN_ENV] = JSON.stringify(this.#settings)
  }

  async onRunStart(): Promise<void> {
    await startOfRun(this.#settings.dir)
  }

  async onRunComplete(): Promise<void> {
    await endOfRun(this.#settings.dir, this.#settings.runId)
  }

  getLastError(): Error | undefined {
    return undefined
  }
}
