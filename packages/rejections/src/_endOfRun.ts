import { appendStepSummary } from '@steadfast/core'
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

/** Writes the run's artifact, prints its summary and appends it to the GitHub step summary. */
export function report(dir: string, records: RejectionRecord[], leaks: LeakRecord[]): void {
  writeMergedArtifact(dir, records, leaks)
  const summary = formatSummary(records, leaks)
  if (summary) console.log(`\n${summary}\n`)
  const markdown = markdownSummary(records)
  if (markdown) {
    const wrote = appendStepSummary(markdown)
    if (typeof wrote === 'string') console.warn(`[steadfast/rejections] ${wrote}`)
  }
}
