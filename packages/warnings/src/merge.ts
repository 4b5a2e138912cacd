// Merging the run directories of several runs (the shards of one CI job): used by the package's
// `steadfast-warnings merge` and by the umbrella's `steadfast merge`.
import { join, resolve } from 'node:path'
import { type MergeCommand, readRuns, readSharedConfig, SteadfastError } from '@steadfast/core'
import { endOfRun, updateRequested } from './_endOfRun.js'
import { isWarningsArtifact, MERGED_NAME, mergeWorkerArtifacts } from './artifact.js'
import { resolveWarningsOptions, type WarningsOptions } from './options.js'
import { WarningStore } from './store.js'

/**
 * Merges each run directory's `warnings.json` (or, for a run cut short, its worker files) into
 * `<out>/warnings.json`, hands the table on (printed, or to the combined report), and checks the
 * budgets and the ratchet of `steadfast.config.*` in the working directory on the whole. `update`
 * (or STEADFAST_UPDATE=1) rewrites the baseline. Returns the merged file and the failed checks
 * (each already printed). Bad options or a missing or corrupt run directory end the command
 * (exit 2), naming them.
 */
export function mergeRuns(command: MergeCommand, update: boolean): { file: string; failures: Error[] } {
  const root = process.cwd()
  let options: ReturnType<typeof resolveWarningsOptions> | undefined
  try {
    options = resolveWarningsOptions(readSharedConfig(root, 'warnings') as WarningsOptions | undefined)
  } catch (error) {
    command.fail(error instanceof SteadfastError ? error.message : String(error))
  }
  const store = new WarningStore()
  for (const run of readRuns(command, MERGED_NAME, isWarningsArtifact, '@steadfast/warnings', (dir) =>
    mergeWorkerArtifacts(dir),
  ))
    store.merge('store' in run ? run.store.snapshot() : run)
  const failures = endOfRun(store, [], {
    options: options as ReturnType<typeof resolveWarningsOptions>,
    root,
    dir: resolve(command.out),
    update: update || updateRequested(),
    shard: false,
    warn: (line) => process.stderr.write(`${line}\n`),
  })
  return { file: join(resolve(command.out), MERGED_NAME), failures }
}
