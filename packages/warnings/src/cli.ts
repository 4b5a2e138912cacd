#!/usr/bin/env node
// `steadfast-warnings merge <dir>...`: merges the warnings of several runs (the shards of one CI
// job, each with its own run directory, or the blobs of Vitest's --merge-reports) into one
// artifact, prints the table, and checks the budgets and the ratchet on the whole.
import { parseMergeCommand } from '@steadfast/core'
import { mergeRuns } from './merge.js'

const USAGE = `Usage: steadfast-warnings merge [--out <dir>] [--update] <run-dir>...

Merges the @steadfast/warnings artifacts of several runs (for example the .steadfast/ folders of
every shard of a CI job) into <out>/warnings.json (default: .steadfast), prints the table, and
checks the budgets and the baseline of steadfast.config.{json,cjs,js} in the current folder.
--update (or STEADFAST_UPDATE=1) rewrites the baseline from the merged counts.
Exit code: 0 when every check holds, 1 when one fails, 2 for a usage error.`

export function main(argv: string[]): void {
  const command = parseMergeCommand('steadfast-warnings', USAGE, argv, ['--update'])
  const { file, failures } = mergeRuns(command, command.flags.has('--update'))
  process.stdout.write(`Merged ${command.dirs.length} runs into ${file}\n`)
  if (failures.length > 0) process.exitCode = 1
}

main(process.argv.slice(2))
