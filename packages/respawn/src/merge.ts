// Merging the run directories of several runs (the shards of one CI job), for the umbrella's
// `steadfast merge`.
import { resolve } from 'node:path'
import { type MergeCommand, readRuns } from '@steadfast/core'
import { report } from './_endOfRun.js'
import { isRespawnArtifact, mergeArtifacts } from './report.js'

/**
 * Merges each run directory's `respawn.json` (or, for a run cut short, its worker files) into
 * `<out>/respawn.json` and hands the summary on (printed, or to the combined report). Returns how
 * many records it holds. A missing or corrupt run directory ends the command (exit 2), naming it.
 */
export function mergeRuns(command: MergeCommand): { found: number } {
  const records = readRuns(
    command,
    'respawn.json',
    isRespawnArtifact,
    '@steadfast/respawn',
    mergeArtifacts,
  ).flatMap((run) => run.records)
  report(resolve(command.out), records)
  return { found: records.length }
}
