#!/usr/bin/env node
// `steadfast-perf merge <dir>...`: merges the perf artifacts of several runs (the shards of one CI
// job, each with its own run directory) into one, and writes the table, HTML and Bencher export.
import { parseMergeCommand } from '@steadfast/core'
import { mergeRuns } from './merge.js'

const USAGE = `Usage: steadfast-perf merge [--out <dir>] <run-dir>...

Merges the @steadfast/perf artifacts of several runs (for example the .steadfast/ folders of every
shard of a CI job) into <out>/perf.json, perf.html and perf-bmf.json (default: .steadfast), and
prints the table of every gate.`

export function main(argv: string[]): void {
  const command = parseMergeCommand('steadfast-perf', USAGE, argv)
  const { file, found } = mergeRuns(command)
  if (found === 0) console.log('@steadfast/perf: no gates in any run')
  console.log(`Merged ${command.dirs.length} runs into ${file}`)
}

main(process.argv.slice(2))
