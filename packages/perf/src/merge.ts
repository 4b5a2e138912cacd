// Merging the run directories of several runs (the shards of one CI job): used by the package's
// `steadfast-perf merge` and by the umbrella's `steadfast merge`.
import { join, resolve } from 'node:path'
import { type MergeCommand, readRuns } from '@steadfast/core'
import { report } from './_endOfRun.js'
import { isPerfArtifact } from './_worker.js'
import { MERGED_FILE, mergeArtifacts } from './report.js'

/**
 * Merges each run directory's `perf.json` (or, for a run cut short, its worker files) into
 * `<out>/perf.json`, `perf.html` and `perf-bmf.json`, and hands the table on (printed, or to the
 * combined report). Returns the merged file and the number of gates. A missing or corrupt run
 * directory ends the command (exit 2), naming it.
 */
export function mergeRuns(command: MergeCommand): { file: string; found: number } {
  const gates = readRuns(command, MERGED_FILE, isPerfArtifact, '@steadfast/perf', mergeArtifacts).flatMap(
    (run) => run.gates,
  )
  report(resolve(command.out), gates, { html: true, bencher: true })
  return { file: join(resolve(command.out), MERGED_FILE), found: gates.length }
}
