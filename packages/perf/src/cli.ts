#!/usr/bin/env node
// `steadfast-perf merge <dir>...`: merges the perf artifacts of several runs (the shards of one CI
// job, each with its own run directory) into one, and writes the table, HTML and Bencher export.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { report } from './_endOfRun.js'
import { isPerfArtifact } from './_worker.js'
import type { GateRecord } from './record.js'
import { MERGED_FILE, mergeArtifacts } from './report.js'

const USAGE = `Usage: steadfast-perf merge [--out <dir>] <run-dir>...

Merges the @steadfast/perf artifacts of several runs (for example the .steadfast/ folders of every
shard of a CI job) into <out>/perf.json, perf.html and perf-bmf.json (default: .steadfast), and
prints the table of every gate.`

function fail(message: string): never {
  process.stderr.write(`steadfast-perf: ${message}\n\n${USAGE}\n`)
  process.exit(2)
}

export function main(argv: string[]): void {
  const [command, ...rest] = argv
  if (command !== 'merge') fail(command ? `unknown command "${command}"` : 'missing command')
  let out = '.steadfast'
  const dirs: string[] = []
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string
    if (arg === '--out') out = rest[++i] ?? fail('--out needs a directory')
    else if (arg.startsWith('-')) fail(`unknown option "${arg}"`)
    else dirs.push(arg)
  }
  if (dirs.length === 0) fail('name at least one run directory to merge')
  const gates: GateRecord[] = []
  for (const dir of dirs) {
    if (!existsSync(dir)) fail(`run directory ${resolve(dir)} does not exist`)
    const merged = join(dir, MERGED_FILE)
    if (existsSync(merged)) {
      let data: unknown
      try {
        data = JSON.parse(readFileSync(merged, 'utf8'))
      } catch (error) {
        fail(
          `${resolve(merged)} is not valid JSON (${(error as Error).message}); re-run that shard or leave its folder out`,
        )
      }
      if (!isPerfArtifact(data)) fail(`${resolve(merged)} is not a @steadfast/perf artifact`)
      gates.push(...data.gates)
    } else {
      // A run cut short never merged its workers' files: take them as they are.
      const partial = mergeArtifacts(dir)
      for (const bad of partial.corrupt)
        process.stderr.write(`skipped a corrupt artifact ${bad.file}: ${bad.reason}\n`)
      gates.push(...partial.gates)
    }
  }
  if (gates.length === 0) console.log('@steadfast/perf: no gates in any run')
  report(resolve(out), gates, { html: true, bencher: true })
  console.log(`Merged ${dirs.length} runs into ${join(resolve(out), MERGED_FILE)}`)
}

main(process.argv.slice(2))
