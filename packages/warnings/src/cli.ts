#!/usr/bin/env node
// `steadfast-warnings merge <dir>...`: merges the warnings of several runs (the shards of one CI
// job, each with its own run directory, or the blobs of Vitest's --merge-reports) into one
// artifact, prints the table, and checks the budgets and the ratchet on the whole.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { readSharedConfig, SteadfastError } from '@steadfast/core'
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

function fail(message: string): never {
  process.stderr.write(`steadfast-warnings: ${message}\n\n${USAGE}\n`)
  process.exit(2)
}

export function main(argv: string[]): void {
  const [command, ...rest] = argv
  if (command !== 'merge') fail(command ? `unknown command "${command}"` : 'missing command')
  let out = '.steadfast'
  let update = updateRequested()
  const dirs: string[] = []
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string
    if (arg === '--out') out = rest[++i] ?? fail('--out needs a directory')
    else if (arg === '--update') update = true
    else if (arg.startsWith('-')) fail(`unknown option "${arg}"`)
    else dirs.push(arg)
  }
  if (dirs.length === 0) fail('name at least one run directory to merge')

  const root = process.cwd()
  let options: ReturnType<typeof resolveWarningsOptions>
  try {
    options = resolveWarningsOptions(readSharedConfig(root, 'warnings') as WarningsOptions | undefined)
  } catch (error) {
    fail(error instanceof SteadfastError ? error.message : String(error))
  }
  const store = new WarningStore()
  for (const dir of dirs) {
    if (!existsSync(dir)) fail(`run directory ${resolve(dir)} does not exist`)
    const merged = join(dir, MERGED_NAME)
    if (existsSync(merged)) {
      let data: unknown
      try {
        data = JSON.parse(readFileSync(merged, 'utf8'))
      } catch (error) {
        fail(
          `${resolve(merged)} is not valid JSON (${(error as Error).message}); re-run that shard or leave its folder out`,
        )
      }
      if (!isWarningsArtifact(data))
        fail(
          `${resolve(merged)} is not a @steadfast/warnings artifact; re-run that shard or leave its folder out`,
        )
      store.merge(data)
    } else {
      // A run that was cut short never merged its workers' files: take them as they are.
      const partial = mergeWorkerArtifacts(dir, store)
      for (const bad of partial.corrupt)
        process.stderr.write(`skipped a corrupt artifact ${bad.file}: ${bad.reason}\n`)
    }
  }
  const failures = endOfRun(store, [], {
    options,
    root,
    dir: resolve(out),
    update,
    shard: false,
    log: (line) => process.stdout.write(`${line}\n`),
    warn: (line) => process.stderr.write(`${line}\n`),
  })
  process.stdout.write(`Merged ${dirs.length} runs into ${join(resolve(out), MERGED_NAME)}\n`)
  if (failures.length > 0) process.exitCode = 1
}

main(process.argv.slice(2))
