#!/usr/bin/env node
// Runs every bench/*.bench.mjs in sequence, each in a process of its own (a benchmark may install
// fake timers or capture globals once per process). `node run.mjs wait` runs only the files whose
// name contains "wait"; `--quick` is passed through (fewer runs, nothing written).
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const flags = args.filter((arg) => arg.startsWith('--'))
const filters = args.filter((arg) => !arg.startsWith('--'))

const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.mjs'))
  .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
  .sort()

if (files.length === 0) {
  console.error(`No bench/*.bench.mjs matches ${filters.join(', ')}`)
  process.exit(1)
}

const failed = []
const started = performance.now()
for (const file of files) {
  console.log(`\n━━ ${file}\n`)
  const result = spawnSync(process.execPath, [join(here, file), ...flags], { stdio: 'inherit' })
  if (result.status !== 0) failed.push(`${file} (${result.signal ?? `exit ${result.status}`})`)
}

const seconds = ((performance.now() - started) / 1000).toFixed(1)
console.log(`\n${files.length - failed.length} of ${files.length} benchmarks ran in ${seconds} s`)
if (failed.length > 0) {
  console.error(`Failed: ${failed.join(', ')}`)
  process.exit(1)
}
