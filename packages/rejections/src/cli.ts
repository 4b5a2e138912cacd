#!/usr/bin/env node
// `steadfast-rejections merge <dir>...`: merges the artifacts of several runs (the shards of one
// CI job, each with its own run directory) into one, and prints the combined summary.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { appendStepSummary } from '@steadfast/core'
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

function fail(message: string): never {
  process.stderr.write(`steadfast-rejections: ${message}\n\n${USAGE}\n`)
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

  const records: RejectionRecord[] = []
  const leaks: LeakRecord[] = []
  for (const dir of dirs) {
    if (!existsSync(dir)) fail(`run directory ${resolve(dir)} does not exist`)
    const merged = join(dir, 'rejections.json')
    if (existsSync(merged)) {
      let data: unknown
      try {
        data = JSON.parse(readFileSync(merged, 'utf8'))
      } catch (error) {
        fail(
          `${resolve(merged)} is not valid JSON (${(error as Error).message}); re-run that shard or leave its folder out`,
        )
      }
      if (!isRejectionsArtifact(data)) fail(`${resolve(merged)} is not a @steadfast/rejections artifact`)
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
  const file = writeMergedArtifact(resolve(out), records, leaks)
  console.log(
    formatSummary(records, leaks) || '@steadfast/rejections: no unhandled errors and no leaks in any run',
  )
  console.log(`Merged ${dirs.length} runs into ${file}`)
  const wrote = appendStepSummary(markdownSummary(records))
  if (typeof wrote === 'string') process.stderr.write(`${wrote}\n`)
}

main(process.argv.slice(2))
