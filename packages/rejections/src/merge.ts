// Merging the run directories of several runs (the shards of one CI job): used by the package's
// `steadfast-rejections merge` and by the umbrella's `steadfast merge`.
import { resolve } from 'node:path'
import { type MergeCommand, readRunArtifact } from '@steadfast/core'
import { report } from './_endOfRun.js'
import { isRejectionsArtifact, type LeakRecord, mergeArtifacts, type RejectionRecord } from './report.js'

/**
 * Merges each run directory's `rejections.json` (or, for a run cut short, its worker files) into
 * `<out>/rejections.json` and hands the summary on (printed, or to the combined report). Returns
 * the merged file and how many errors and leaks it holds. A missing or corrupt run directory ends
 * the command (exit 2), naming it.
 */
export function mergeRuns(command: MergeCommand): { file: string; found: number } {
  const records: RejectionRecord[] = []
  const leaks: LeakRecord[] = []
  for (const dir of command.dirs) {
    const data = readRunArtifact(
      command,
      dir,
      'rejections.json',
      isRejectionsArtifact,
      '@steadfast/rejections',
    )
    if (data) {
      records.push(...data.records)
      leaks.push(...(data.leaks ?? []))
    } else {
      // A run that was cut short never merged its workers' files: take them as they are.
      const partial = mergeArtifacts(dir)
      for (const bad of partial.corrupt)
        process.stderr.write(`skipped a corrupt artifact ${bad.file}: ${bad.reason}\n`)
      records.push(...partial.records)
      leaks.push(...partial.leaks)
    }
  }
  return { file: report(resolve(command.out), records, leaks), found: records.length + leaks.length }
}
