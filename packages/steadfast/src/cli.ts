#!/usr/bin/env node
// `steadfast merge <dir>...`: merges every part's artifacts of several runs (the shards of one CI
// job, each with its own run directory) and prints one combined report, as a run would.
import { resolve } from 'node:path'
import { parseMergeCommand, readSharedConfig, SteadfastError } from '@steadfast/core'
import { mergeRuns as mergePerf } from '@steadfast/perf/merge'
import { mergeRuns as mergeRejections } from '@steadfast/rejections/merge'
import { mergeRuns as mergeRespawn } from '@steadfast/respawn/merge'
import { mergeRuns as mergeWarnings } from '@steadfast/warnings/merge'
import { PARTS, type PartKey } from './_parts.js'
import { finishCombinedReport, startCombinedReport } from './report.js'

const USAGE = `Usage: steadfast merge [--out <dir>] [--update] <run-dir>...

Merges the artifacts of every Steadfast part (rejections, warnings, respawn, perf) of several runs
(for example the .steadfast/ folders of every shard of a CI job) into <out> (default: .steadfast),
checks the warnings budgets and baseline of steadfast.config.* in the current folder on the whole,
and prints one combined report (also written as steadfast-report.html, .json and .md).
--update (or STEADFAST_UPDATE=1) rewrites the warnings baseline from the merged counts.
Exit code: 0 when every check holds, 1 when one fails, 2 for a usage error.`

export function main(argv: string[]): void {
  const command = parseMergeCommand('steadfast', USAGE, argv, ['--update'])
  let parts: PartKey[] = []
  try {
    // A part turned off in steadfast.config.* has nothing to merge.
    parts = (Object.keys(PARTS) as PartKey[]).filter((key) => readSharedConfig(process.cwd(), key) !== false)
  } catch (error) {
    command.fail(error instanceof SteadfastError ? error.message : String(error))
  }
  const context = { runner: 'merge' as const, dir: resolve(command.out), parts }
  startCombinedReport(context)
  // The shards' own runs failed for their errors and gates already; what the merge itself checks
  // (the warnings budgets and baseline, on the whole) decides its exit code.
  let failures: Error[] = []
  if (parts.includes('rejections')) mergeRejections(command)
  if (parts.includes('warnings')) failures = mergeWarnings(command, command.flags.has('--update')).failures
  if (parts.includes('respawn')) mergeRespawn(command)
  if (parts.includes('perf')) mergePerf(command)
  finishCombinedReport(context)
  console.log(`Merged ${command.dirs.length} runs into ${context.dir}`)
  if (failures.length > 0) process.exitCode = 1
}

main(process.argv.slice(2))
