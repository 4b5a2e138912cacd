import { writeFileSync } from 'node:fs'
import { availableParallelism, cpus } from 'node:os'
import { join } from 'node:path'
import { publishSection, shownPath, tryRunWrite, writeRunArtifact } from '@steadfast/core'
import { median } from './_stats.js'
import { toBencher } from './bencher.js'
import { renderHtml } from './html.js'
import type { GateRecord } from './record.js'
import { formatTable, markdownTable, mergeArtifacts, writeMergedArtifact } from './report.js'

/** Which reports to write besides the JSON artifact. */
export interface ReportSwitches {
  html: boolean
  bencher: boolean
}

/** Merges the workers' artifacts of `dir` and reports them (the main process, after a run). */
export function endOfRun(dir: string, switches: ReportSwitches): void {
  const { gates, corrupt } = mergeArtifacts(dir)
  for (const bad of corrupt)
    console.warn(`[steadfast/perf] skipped a corrupt artifact ${bad.file}: ${bad.reason}`)
  report(dir, gates, switches)
}

/**
 * Writes perf.json, perf.html and perf-bmf.json, and hands the table to the combined report (or
 * prints it and appends it to the job summary, when the package runs alone).
 */
export function report(dir: string, gates: GateRecord[], switches: ReportSwitches): void {
  if (gates.length === 0) {
    publishSection({ ...NO_GATES, files: {}, counts: { gates: 0, failed: 0 } })
    return
  }
  const files: Record<string, string> = { json: writeMergedArtifact(dir, gates) }
  if (switches.html) {
    const html = join(dir, 'perf.html')
    files.html = html
    tryRunWrite(html, 'the run has no perf.html', () => writeFileSync(html, renderHtml(gates)))
  }
  if (switches.bencher) {
    files.bencher = join(dir, 'perf-bmf.json')
    writeRunArtifact(files.bencher, toBencher(gates), 'the run has no perf-bmf.json for Bencher')
  }
  const machine = machineRecord(gates)
  if (machine) {
    files.machine = join(dir, 'perf-machine.json')
    writeRunArtifact(files.machine, machine, 'the run has no perf-machine.json')
  }
  const table = formatTable(gates)
  const failed = gates.filter((g) => g.failed).length
  const wrote = publishSection({
    part: 'perf',
    status: failed > 0 ? 'failed' : gates.some(unsettled) ? 'warned' : 'passed',
    headline: (table.split('\n')[0] ?? '').replace('@steadfast/perf: ', ''),
    text: `${table}${sharedCoresNote(gates)}\n  reports: ${Object.values(files).map(shownPath).join(', ')}`,
    markdown: markdownTable(gates),
    files,
    counts: { gates: gates.length, passed: gates.length - failed, failed },
  })
  if (wrote) console.warn(`[steadfast/perf] ${wrote}`)
}

/** A gate that passed without a clear verdict: worth a look, not a failure. */
const unsettled = (g: GateRecord): boolean => g.outcome !== 'SATISFIED' && g.outcome !== 'VIOLATED'

const NO_GATES = { part: 'perf', status: 'passed', headline: 'no gates ran', text: '', markdown: '' } as const

/**
 * The machine factor this run measured (the median over its calibrated budget gates), kept in
 * the run directory as the record of this machine: set it as STEADFAST_PERF_FACTOR to reuse it.
 */
function machineRecord(gates: GateRecord[]): object | undefined {
  const factors = gates.flatMap((g) =>
    g.factorSource === 'calibrated' && g.machineFactor !== null ? [g.machineFactor] : [],
  )
  if (factors.length === 0) return undefined
  return {
    machineFactor: median(factors),
    gates: factors.length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    node: process.version,
    measuredAt: new Date().toISOString(),
  }
}

/** PERF.md: gates of parallel workers on 2 cores or fewer still share them with other tests. */
function sharedCoresNote(gates: GateRecord[]): string {
  const workers = new Set(gates.map((g) => g.worker).filter(Boolean)).size
  const cores = availableParallelism()
  if (workers < 2 || cores > 2) return ''
  return `\n  note: gates ran in ${workers} parallel workers on ${cores} ${cores === 1 ? 'core' : 'cores'}; the lock kept gates apart, but other tests ran beside them. Run perf tests serially for the strict job.`
}
