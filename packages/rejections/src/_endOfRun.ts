import { publishSection } from '@steadfast/core'
import { armHangReport } from './hang.js'
import {
  formatSummary,
  type LeakRecord,
  markdownSummary,
  mergeArtifacts,
  type RejectionRecord,
  writeMergedArtifact,
} from './report.js'

/**
 * What the main process does once the tests are over, for either runner: merge the workers'
 * artifacts, print the summary, append it to the GitHub step summary, and arm the hang report.
 */
export function endOfRun(dir: string, hangTimeout: number, runner: 'Vitest' | 'Jest'): void {
  const { records, leaks, corrupt } = mergeArtifacts(dir)
  for (const bad of corrupt)
    console.warn(`[steadfast/rejections] skipped a corrupt artifact ${bad.file}: ${bad.reason}`)
  report(dir, records, leaks)
  armHangReport(hangTimeout, runner)
}

/**
 * Writes the run's artifact and hands its summary to the combined report (or prints it and appends
 * it to the GitHub step summary, when the package runs alone).
 */
export function report(dir: string, records: RejectionRecord[], leaks: LeakRecord[]): string {
  const json = writeMergedArtifact(dir, records, leaks)
  const failing = [...records, ...leaks].filter((r) => r.outcome !== 'warned').length
  const wrote = publishSection({
    part: 'rejections',
    status: failing > 0 ? 'failed' : records.length + leaks.length > 0 ? 'warned' : 'passed',
    headline: headline(records, leaks, failing),
    text: formatSummary(records, leaks),
    markdown: markdownSummary(records),
    files: { json },
    counts: { errors: records.length, leaks: leaks.length, failing },
  })
  if (wrote) console.warn(`[steadfast/rejections] ${wrote}`)
  return json
}

function headline(records: RejectionRecord[], leaks: LeakRecord[], failing: number): string {
  if (records.length + leaks.length === 0) return 'no unhandled errors, no open handles left behind'
  const parts = [
    records.length > 0 ? `${records.length} unhandled ${records.length === 1 ? 'error' : 'errors'}` : '',
    leaks.length > 0 ? `${leaks.length} open ${leaks.length === 1 ? 'handle' : 'handles'} left behind` : '',
  ].filter(Boolean)
  return `${parts.join(', ')}${failing > 0 ? ` (${failing} failed a test or file)` : ' (warnings only)'}`
}
