// Runs once in Vitest's main process: clears what a previous run left, and prints the merged
// summary when the run is over.
import { appendStepSummary, runDirectory } from '@steadfast/core'
import { deserializeOptions, OPTIONS_ENV } from './_optionsJson.js'
import { armHangReport } from './hang.js'
import {
  clearWorkerArtifacts,
  formatSummary,
  markdownSummary,
  mergeArtifacts,
  writeMergedArtifact,
} from './report.js'

function options(): { dir: string | undefined; hangTimeout: number } {
  const json = process.env[OPTIONS_ENV]
  const resolved = json ? deserializeOptions(json) : undefined
  return { dir: resolved?.dir, hangTimeout: resolved?.hangTimeout ?? 3000 }
}

function directory(): string {
  return runDirectory(process.cwd(), options().dir)
}

export function setup(): void {
  clearWorkerArtifacts(directory())
}

export function teardown(): void {
  const dir = directory()
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
  armHangReport(options().hangTimeout, 'Vitest')
}
