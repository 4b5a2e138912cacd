import { publishSection } from '@steadfast/core'
import { clearPortLocks } from './_ports.js'
import { reap } from './_registry.js'
import {
  clearWorkerArtifacts,
  formatSummary,
  markdownSummary,
  mergeArtifacts,
  type RespawnRecord,
  writeMergedArtifact,
} from './report.js'

const TAG = '[steadfast/respawn]'

/** At the start of a run: kill what dead workers of earlier runs left, clear their files. */
export async function startOfRun(dir: string): Promise<void> {
  const reaped = await reap(dir)
  if (reaped.length > 0) {
    console.warn(
      `${TAG} killed ${reaped.length} process ${reaped.length === 1 ? 'tree' : 'trees'} left by an earlier run whose worker died: ${reaped.map((r) => `${r.name} (pid ${r.pid}, for ${r.file})`).join(', ')}`,
    )
  }
  clearPortLocks(dir)
  clearWorkerArtifacts(dir)
}

/**
 * At the end of a run, for either runner: kill what this run's crashed workers left, merge the
 * workers' artifacts, print the summary, append it to the GitHub step summary.
 */
export async function endOfRun(dir: string, runId: string | undefined): Promise<void> {
  const reaped = await reap(dir, runId)
  if (reaped.length > 0) {
    console.warn(
      `${TAG} killed ${reaped.length} process ${reaped.length === 1 ? 'tree' : 'trees'} whose worker died before its teardown: ${reaped.map((r) => `${r.name} (pid ${r.pid}, for ${r.file})`).join(', ')}`,
    )
  }
  clearPortLocks(dir, runId)
  const { records, corrupt } = mergeArtifacts(dir)
  for (const bad of corrupt) console.warn(`${TAG} skipped a corrupt artifact ${bad.file}: ${bad.reason}`)
  report(dir, records, reaped.length)
}

/**
 * Writes the merged artifact and hands the summary to the combined report (or prints it and
 * appends it to the GitHub step summary, when the package runs alone).
 */
export function report(dir: string, records: RespawnRecord[], reaped = 0): void {
  const json = writeMergedArtifact(dir, records)
  const respawns = records.filter((r) => r.outcome === 'respawned').length
  const degraded = records.length - respawns
  const files = new Set(records.map((r) => r.file)).size
  const wrote = publishSection({
    part: 'respawn',
    status: degraded > 0 ? 'failed' : respawns > 0 ? 'warned' : 'passed',
    headline:
      records.length === 0
        ? 'no process died or failed its check'
        : `${respawns} ${respawns === 1 ? 'respawn' : 'respawns'}, ${degraded} degraded, in ${files} ${files === 1 ? 'file' : 'files'}`,
    text: formatSummary(records),
    markdown: markdownSummary(records),
    files: { json },
    counts: { respawns, degraded, files, reaped },
  })
  if (wrote) console.warn(`${TAG} ${wrote}`)
}
