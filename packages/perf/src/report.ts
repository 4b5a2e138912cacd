// The end of a run: the workers' gates merged into one artifact and one table with headroom.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { readJsonArtifacts, writeRunArtifact } from '@steadfast/core'
import { isPerfArtifact, type PerfArtifact, WORKER_PREFIX } from './_worker.js'
import { formatValue } from './format.js'
import type { GateRecord } from './record.js'

/** Name of the merged artifact in the run directory. */
export const MERGED_FILE = 'perf.json'

/** Removes the worker artifacts (and a stale lock) a previous run left. */
export function clearWorkerArtifacts(dir: string): void {
  for (const { file } of readJsonArtifacts(dir, WORKER_PREFIX, (_d): _d is unknown => true).items)
    rmSync(file, { force: true })
  rmSync(join(dir, 'perf.lock'), { force: true })
}

/** The gates of every worker artifact in `dir`; corrupt files are listed, never fatal. */
export function mergeArtifacts(dir: string): {
  gates: GateRecord[]
  corrupt: Array<{ file: string; reason: string }>
} {
  const read = readJsonArtifacts(dir, WORKER_PREFIX, isPerfArtifact)
  return { gates: read.items.flatMap((item) => item.data.gates), corrupt: read.corrupt }
}

/** Writes the merged artifact; returns its path. */
export function writeMergedArtifact(dir: string, gates: GateRecord[]): string {
  const file = join(dir, MERGED_FILE)
  writeRunArtifact(
    file,
    { kind: 'steadfast-perf', version: 1, gates } satisfies PerfArtifact,
    'the run has no perf.json (its summary is printed)',
  )
  return file
}

const pct = (x: number): string => `${x >= 0 ? '' : '−'}${Math.abs(x * 100).toFixed(1)} %`

function row(g: GateRecord): string[] {
  const v = (x: number): string => formatValue(x, g.kind)
  return [
    g.failed ? 'FAIL' : g.outcome === 'SATISFIED' ? 'ok' : 'note',
    g.name,
    `${g.not ? 'not ' : ''}${g.kind === 'relative' ? '≤' : '≤'} ${v(g.limit)} +${(g.margin * 100).toFixed(0)} %`,
    `${v(g.estimate)} [${v(g.interval[0])}, ${v(g.interval[1])}]`,
    pct(g.headroom),
    g.outcome,
    `${g.mode} ${g.rounds}r${g.first ? ' re-measured' : ''}`,
  ]
}

const HEADERS = ['', 'gate', 'limit', 'measured', 'headroom', 'outcome', 'mode']

/** The end-of-run table of every gate, worst headroom first. */
export function formatTable(gates: GateRecord[]): string {
  if (gates.length === 0) return ''
  const sorted = [...gates].sort((a, b) => a.headroom - b.headroom)
  const cells = [HEADERS, ...sorted.map(row)]
  const widths = HEADERS.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)))
  const line = (r: string[]): string =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  const failed = gates.filter((g) => g.failed).length
  const mode = gates.some((g) => g.mode === 'strict') ? 'strict (STRICT_PERF=1)' : 'PR'
  return [
    `@steadfast/perf: ${gates.length} ${gates.length === 1 ? 'gate' : 'gates'}, ${failed} failed, mode ${mode}`,
    ...cells.map((r) => `  ${line(r)}`),
  ].join('\n')
}

const cell = (text: string): string => text.replaceAll('|', '\\|')

/** The same table in Markdown, for `$GITHUB_STEP_SUMMARY`. */
export function markdownTable(gates: GateRecord[]): string {
  if (gates.length === 0) return ''
  const sorted = [...gates].sort((a, b) => a.headroom - b.headroom)
  return [
    '### @steadfast/perf',
    '',
    `| ${HEADERS.join(' | ')} |`,
    `| ${HEADERS.map(() => '---').join(' | ')} |`,
    ...sorted.map((g) => `| ${row(g).map(cell).join(' | ')} |`),
  ].join('\n')
}
