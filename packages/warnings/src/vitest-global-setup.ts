// Runs in Vitest's main process, once per project that loads it: clears what a previous run left,
// captures the main process's own warnings, and at the end of the run (in watch mode, of each run)
// merges every worker's counts into the summary, the budgets and the ratchet. A failure of those
// fails the run (thrown from the teardown).
import { deferFailure, handedTo, vitestGlobalSetup } from '@steadfast/core'
import { endOfRun, updateRequested } from './_endOfRun.js'
import { startMainCapture, stopMainCapture } from './_main.js'
import { PART } from './_resolved.js'
import { mergeWorkerArtifacts } from './artifact.js'
import type { ResolvedWarningsOptions } from './options.js'
import { SHARD_ENV, UPDATE_ENV } from './vitest.js'

/** The plugin's options, as it handed them to the workers; none when this config lacks the plugin. */
function options(): ResolvedWarningsOptions | undefined {
  return handedTo<ResolvedWarningsOptions>(PART)
}

export const setup = vitestGlobalSetup('warnings', {
  // The plugin started it already (configureVitest) for the first run; this is for a rerun in
  // watch mode, and for a config without the plugin hook.
  start: () => {
    if (options()) startMainCapture()
  },
  end,
})

function end(): void {
  const resolved = options()
  if (!resolved) return
  const runtime = startMainCapture()
  stopMainCapture(runtime)
  const { store, corrupt } = mergeWorkerArtifacts(runtime.dir)
  const failures = endOfRun(store, corrupt, {
    options: resolved,
    root: runtime.root,
    dir: runtime.dir,
    update: updateRequested() || process.env[UPDATE_ENV] === '1',
    shard: process.env[SHARD_ENV] === '1',
    warn: (line) => console.error(line),
  })
  if (failures.length > 0) {
    process.exitCode = 1
    const error =
      failures.length === 1
        ? (failures[0] as Error)
        : new AggregateError(failures, failures.map((f) => f.message).join('\n\n'))
    // Under the umbrella the combined report comes first; it throws this after (a teardown that
    // throws stops the ones after it, and the umbrella's is the last).
    if (!deferFailure(error)) throw error
  }
}
