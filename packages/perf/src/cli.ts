#!/usr/bin/env node
// `steadfast-perf merge <dir>...`: merges the perf artifacts of several runs (the shards of one CI
// job, each with its own run directory) into one, and writes the table, HTML and Bencher export.
import { join, resolve } from 'node:path'
import { parseMergeCommand, readRunArtifact } from '@steadfast/core'
import { report } from './_endOfRun.js'
import { isPerfArtifact } from './_worker.js'
import type { GateRecord } from './record.js'
import { MERGED_FILE, mergeArtifacts } from './report.js'

const USAGE = `Usage: steadfast-perf merge [--out <dir>] <run-dir>...

Merges the @steadfast/perf artifacts of several runs (for example the .steadfast/ folders of every
shard of a CI job) into <out>/perf.json, perf.html and perf-bmf.json (default: .steadfast), and
prints the table of every gate.`

export function main(argv: string[]): void {
  const command = parseMergeCommand('steadfast-perf', USAGE, argv)
  const gates: GateRecord[] = []
  for (const dir of command.dirs) {
    const data = readRunArtifact(command, dir, MERGED_FILE, isPerfArtifact, '@steadfast/perf')
    if (data) gates.push(...data.gates)
    else {
      // A run cut short never merged its workers' files: take them as they are.
      const partial = mergeArtifacts(dir)
      for (const bad of partial.corrupt)
        process.stderr.write(`skipped a corrupt artifact ${bad.file}: ${bad.reason}\n`)
      gates.push(...partial.gates)
    }
  }
  if (gates.length === 0) console.log('@steadfast/perf: no gates in any run')
  report(resolve(command.out), gates, { html: true, bencher: true })
  console.log(`Merged ${command.dirs.length} runs into ${join(resolve(command.out), MERGED_FILE)}`)
}

main(process.argv.slice(2))
