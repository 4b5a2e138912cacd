// What every benchmark file shares: the real clock, statistics, tables and the writing of results.
// Each `*.bench.mjs` runs in its own process (see run.mjs), so nothing here is shared state.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

// Taken at import, before any benchmark installs fake timers: every measurement reads this clock.
const hrtimeBigint = process.hrtime.bigint
const realSetTimeout = globalThis.setTimeout
const realSetImmediate = globalThis.setImmediate

/** Nanoseconds from the real monotonic clock, as a bigint. */
export const hr = () => hrtimeBigint()

/** Milliseconds between two `hr()` readings. */
export const msBetween = (start, end) => Number(end - start) / 1e6

/** Resolves on a later turn of the event loop, with real (never faked) timers. */
export const macrotask = () => new Promise((resolve) => realSetImmediate(resolve))

/** A plain real-timer sleep, for the pauses of the harness itself (never the thing measured). */
export const pause = (ms) => new Promise((resolve) => realSetTimeout(resolve, ms))

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..')

/** `--quick` divides every repetition count by ten and writes nothing: for trying a change out. */
export const quick = process.argv.includes('--quick')
export const reps = (n) => (quick ? Math.max(10, Math.round(n / 10)) : n)

/** Imports a workspace package's built output, or says how to build it. */
export async function importBuilt(name) {
  try {
    return await import(name)
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND') {
      throw new Error(`${name} is not built: run \`pnpm build\` at the repository root first`, {
        cause: error,
      })
    }
    throw error
  }
}

/** Median, p90, p99, min, max and mean of samples in ms (nearest-rank percentiles). */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = (p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]
  const mean = sorted.reduce((sum, x) => sum + x, 0) / sorted.length
  return {
    n: sorted.length,
    median: round(rank(0.5)),
    p90: round(rank(0.9)),
    p99: round(rank(0.99)),
    min: round(sorted[0]),
    max: round(sorted[sorted.length - 1]),
    mean: round(mean),
  }
}

/** Rounds to the nanosecond, which is all the clock gives. */
const round = (ms) => Math.round(ms * 1e6) / 1e6

/** A duration for people: µs below 1 ms, else ms with two decimals; signed when asked. */
export function formatMs(ms, { signed = false } = {}) {
  if (ms === 0) return '0 ms'
  const sign = signed && ms > 0 ? '+' : ''
  if (Math.abs(ms) < 1) return `${sign}${(ms * 1000).toFixed(1)} µs`
  return `${sign}${ms.toFixed(2)} ms`
}

/** A Markdown table with padded columns, readable as plain text too. */
export function table(headers, rows) {
  const cells = [headers, ...rows].map((row) => row.map(String))
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i].length)))
  const line = (row) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`
  const rule = `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n')
}

/** The machine a run happened on, for the record. */
export function machine() {
  const cpus = os.cpus()
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    platform: `${os.platform()} ${os.release()} (${os.arch()})`,
  }
}

/** The rows of a results page's machine table, from `machine()`. */
export function machineRows(info) {
  return [
    ['CPU', info.cpu],
    ['Cores', info.cores],
    ['Node', info.node],
    ['OS', info.platform],
  ]
}

/** Writes `docs/bench/<name>.json` and `.md`; returns their paths relative to the repo root. */
export function writeResults(name, json, markdown) {
  const dir = join(repoRoot, 'docs', 'bench')
  mkdirSync(dir, { recursive: true })
  const files = [
    [join(dir, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`],
    [join(dir, `${name}.md`), markdown.endsWith('\n') ? markdown : `${markdown}\n`],
  ]
  for (const [file, text] of files) writeFileSync(file, text)
  return files.map(([file]) => relative(repoRoot, file))
}

/** The JSON files of a results folder, by name; none when it does not exist yet. */
export function jsonFilesIn(dir) {
  try {
    return readdirSync(dir).filter((name) => name.endsWith('.json'))
  } catch {
    return []
  }
}

/** The order of the results pages: Node 24 first (Node 20 is end of life), then 26, 22, 20. */
export const nodeRank = (major) => (major === 24 ? 0 : 100 - major)
