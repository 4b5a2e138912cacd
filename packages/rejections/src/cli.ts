#!/usr/bin/env node
// `steadfast-rejections merge <dir>...`: merges the artifacts of several runs (the shards of one
// CI job, each with its own run directory) into one, and prints the combined summary.
import { parseMergeCommand } from '@steadfast/core'
import { mergeRuns } from './merge.js'

const USAGE = `Usage: steadfast-rejections merge [--out <dir>] <run-dir>...

Merges the @steadfast/rejections artifacts of several runs (for example the .steadfast/ folders
of every shard of a CI job) into <out>/rejections.json (default: .steadfast) and prints the summary.`

export function main(argv: string[]): void {
  const command = parseMergeCommand('steadfast-rejections', USAGE, argv)
  const { file, found } = mergeRuns(command)
  if (found === 0) console.log('@steadfast/rejections: no unhandled errors and no leaks in any run')
  console.log(`Merged ${command.dirs.length} runs into ${file}`)
}

main(process.argv.slice(2))
