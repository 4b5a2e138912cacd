// Jest: `reporters: ['default', '@steadfast/respawn/jest-reporter']`. Runs in Jest's main process:
// reaps what dead workers left (at the start and the end of the run), prints the summary.
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { handToWorkers, optionsFromUmbrella, readSharedConfig, runDirectory } from '@steadfast/core'
import { endOfRun, startOfRun } from './_endOfRun.js'
import { sibling } from './_here.js'
import { PART, type RunSettings } from './_worker.js'
import type { RespawnOptions } from './pluginOptions.js'

/**
 * The Jest reporter of @steadfast/respawn. Options come from the `respawn` section of
 * steadfast.config.*, or resolved from the umbrella's reporter.
 */
export default class RespawnReporter {
  readonly #settings: RunSettings

  constructor(globalConfig: { rootDir?: string }, reporterOptions?: unknown) {
    const root = globalConfig.rootDir ?? process.cwd()
    const options = optionsFromUmbrella<RespawnOptions>(reporterOptions) ?? ownOptions(root)
    this.#settings = { dir: runDirectory(root, options.dir), runId: randomBytes(8).toString('hex') }
    // Workers start after the reporters and inherit this.
    handToWorkers(PART, this.#settings)
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

/** Reads and resolves the options of steadfast.config.* in `root`; loaded on demand, as the umbrella resolved them already. */
function ownOptions(root: string): RespawnOptions {
  const { resolveRespawnOptions } = createRequire(sibling('pluginOptions.js'))(
    './pluginOptions.js',
  ) as typeof import('./pluginOptions.js')
  return resolveRespawnOptions(readSharedConfig(root, PART) as RespawnOptions | undefined)
}
