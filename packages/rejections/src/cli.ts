#!/usr/bin/env node
// `steadfast-rejections merge <dir>...`: merges the artifacts of several runs (the shards of one
// CI job, each with its own run directory) into one, and prints the combined summary.
import { resolve } from 'node:path'
import { appendStepSummary, parseMergeCommand, readRunArtifact } from '@steadfast/core'
import {
  formatSummary,
  isRejectionsArtifact,
  type LeakRecord,
  markdownSummary,
  mergeArtifacts,
  type RejectionRecord,
  writeMergedArtifact,
} from './report.js'

const USAGE = `Usage: steadfast-rejections merge [--out <dir>] <run-dir>...

Merges the @steadfast/rejections artifacts of several runs (for example the .steadfast/ folders
of every shard of a CI job) into <out>/rejections.json (default: .steadfast) and prints the summary.`

export function main(argv: string[]): void {
  const command = parseMergeCommand('steadfast-rejections', USAGE, argv)
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
  const file = writeMergedArtifact(resolve(command.out), records, leaks)
  console.log(
    formatSummary(records, leaks) || '@steadfast/rejections: no unhandled errors and no leaks in any run',
  )
  console.log(`Merged ${command.dirs.length} runs into ${file}`)
  const wrote = appendStepSummary(markdownSummary(records))
  if (typeof wrote === 'string') process.stderr.write(`${wrote}\n`)
}

main(process.argv.slice(2))
