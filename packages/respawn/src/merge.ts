// Merging the run directories of several runs (the shards of one CI job), for the umbrella's
// `steadfast merge`.
import { resolve } from 'node:path'
import { type MergeCommand, readRunArtifact } from '@steadfast/core'
import { report } from './_endOfRun.js'
import { isRespawnArtifact, mergeArtifacts, type RespawnRecord } from './report.js'

/**
 * Merges each run directory's `respawn.json` (or, for a run cut short, its worker files) into
 * `<out>/respawn.json` and hands the summary on (printed, or to the combined report). Returns how
 * many records it holds. A missing or corrupt run directory ends the command (exit 2), naming it.
 */
export function mergeRuns(command: MergeCommand): { found: number } {
  const records: RespawnRecord[] = []
  for (const dir of command.dirs) {
    const data = readRunArtifact(command, dir, 'respawn.json', isRespawnArtifact, '@steadfast/respawn')
    if (data) records.push(...data.records)
    else {
      const partial = mergeArtifacts(dir)
      for (const bad of partial.corrupt)
        process.stderr.write(`skipped a corrupt artifact ${bad.file}: ${bad.reason}\n`)
      records.push(...partial.records)
    }
  }
  report(resolve(command.out), records)
  return { found: records.length }
}
