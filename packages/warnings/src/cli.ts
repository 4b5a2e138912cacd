#!/usr/bin/env node
// `steadfast-warnings merge <dir>...`: merges the warnings of several runs (the shards of one CI
// job, each with its own run directory, or the blobs of Vitest's --merge-reports) into one
// artifact, prints the table, and checks the budgets and the ratchet on the whole.
import { join, resolve } from 'node:path'
import { parseMergeCommand, readRunArtifact, readSharedConfig, SteadfastError } from '@steadfast/core'
import { endOfRun, updateRequested } from './_endOfRun.js'
import { isWarningsArtifact, MERGED_NAME, mergeWorkerArtifacts } from './artifact.js'
import { resolveWarningsOptions, type WarningsOptions } from './options.js'
import { WarningStore } from './store.js'

const USAGE = `Usage: steadfast-warnings merge [--out <dir>] [--update] <run-dir>...

Merges the @steadfast/warnings artifacts of several runs (for example the .steadfast/ folders of
every shard of a CI job) into <out>/warnings.json (default: .steadfast), prints the table, and
checks the budgets and the baseline of steadfast.config.{json,cjs,js} in the current folder.
--update (or STEADFAST_UPDATE=1) rewrites the baseline from the merged counts.
Exit code: 0 when every check holds, 1 when one fails, 2 for a usage error.`

export function main(argv: string[]): void {
  const command = parseMergeCommand('steadfast-warnings', USAGE, argv, ['--update'])
  const update = updateRequested() || command.flags.has('--update')
  const root = process.cwd()
  let options: ReturnType<typeof resolveWarningsOptions> | undefined
  try {
    options = resolveWarningsOptions(readSharedConfig(root, 'warnings') as WarningsOptions | undefined)
  } catch (error) {
    command.fail(error instanceof SteadfastError ? error.message : String(error))
  }
  if (!options) return
  const store = new WarningStore()
  for (const dir of command.dirs) {
    const data = readRunArtifact(command, dir, MERGED_NAME, isWarningsArtifact, '@steadfast/warnings')
    if (data) store.merge(data)
    else {
      // A run that was cut short never merged its workers' files: take them as they are.
      const partial = mergeWorkerArtifacts(dir, store)
      for (const bad of partial.corrupt)
        process.stderr.write(`skipped a corrupt artifact ${bad.file}: ${bad.reason}\n`)
    }
  }
  const failures = endOfRun(store, [], {
    options,
    root,
    dir: resolve(command.out),
    update,
    shard: false,
    warn: (line) => process.stderr.write(`${line}\n`),
  })
  process.stdout.write(`Merged ${command.dirs.length} runs into ${join(resolve(command.out), MERGED_NAME)}\n`)
  if (failures.length > 0) process.exitCode = 1
}

main(process.argv.slice(2))
