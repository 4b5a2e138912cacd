import { appendStepSummary } from '@steadfast/core'
import { armHangReport } from './hang.js'
import { formatSummary, markdownSummary, mergeArtifacts, writeMergedArtifact } from './report.js'

/**
 * What the main process does once the tests are over, for either runner: merge the workers'
 * artifacts, print the summary, append it to the GitHub step summary, and arm the hang report.
 */
export function endOfRun(dir: string, hangTimeout: number, runner: 'Vitest' | 'Jest'): void {
  const { records, leaks, corrupt } = mergeArtifacts(dir)
  for (const bad of corrupt)
    console.warn(`[steadfast/rejections] skipped a corrupt artifact ${bad.file}: ${bad.reason}`)
  writeMergedArtifact(dir, records, leaks)
  const summary = formatSummary(records, leaks)
  if (summary) console.log(`\n${summary}\n`)
  const markdown = markdownSummary(records)
  if (markdown) {
    const wrote = appendStepSummary(markdown)
    if (typeof wrote === 'string') console.warn(`[steadfast/rejections] ${wrote}`)
  }
  armHangReport(hangTimeout, runner)
}
