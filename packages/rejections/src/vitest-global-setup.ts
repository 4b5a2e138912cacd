// Runs once in Vitest's main process: clears what a previous run left, and prints the merged
// summary when the run is over.
import { appendStepSummary, runDirectory } from '@steadfast/core'
import { OPTIONS_ENV } from './_runtime.js'
import { deserializeOptions } from './options.js'
import {
  clearWorkerArtifacts,
  formatSummary,
  markdownSummary,
  mergeArtifacts,
  writeMergedArtifact,
} from './report.js'

function directory(): string {
  const json = process.env[OPTIONS_ENV]
  return runDirectory(process.cwd(), json ? deserializeOptions(json).dir : undefined)
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
}
