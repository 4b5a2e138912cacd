// Merging the run directories of several runs (the shards of one CI job): used by the package's
// `steadfast-rejections merge` and by the umbrella's `steadfast merge`.
import { resolve } from 'node:path'
import { type MergeCommand, readRuns } from '@steadfast/core'
import { report } from './_endOfRun.js'
import { isRejectionsArtifact, mergeArtifacts } from './report.js'

/**
 * Merges each run directory's `rejections.json` (or, for a run cut short, its worker files) into
 * `<out>/rejections.json` and hands the summary on (printed, or to the combined report). Returns
 * the merged file and how many errors and leaks it holds. A missing or corrupt run directory ends
 * the command (exit 2), naming it.
 */
export function mergeRuns(command: MergeCommand): { file: string; found: number } {
  const runs = readRuns(
    command,
    'rejections.json',
    isRejectionsArtifact,
    '@steadfast/rejections',
    mergeArtifacts,
  )
  const records = runs.flatMap((run) => run.records)
  const leaks = runs.flatMap((run) => run.leaks ?? [])
  return { file: report(resolve(command.out), records, leaks), found: records.length + leaks.length }
}
