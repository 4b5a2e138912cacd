import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { appendStepSummary, writeJsonAtomic } from '@steadfast/core'
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

/** Writes perf.json, perf.html and perf-bmf.json, prints the table, appends the job summary. */
export function report(dir: string, gates: GateRecord[], switches: ReportSwitches): void {
  if (gates.length === 0) return
  const written = [writeMergedArtifact(dir, gates)]
  if (switches.html) {
    const file = join(dir, 'perf.html')
    writeFileSync(file, renderHtml(gates))
    written.push(file)
  }
  if (switches.bencher) {
    const file = join(dir, 'perf-bmf.json')
    writeJsonAtomic(file, toBencher(gates))
    written.push(file)
  }
  console.log(`\n${formatTable(gates)}\n  reports: ${written.join(', ')}\n`)
  const wrote = appendStepSummary(markdownTable(gates))
  if (typeof wrote === 'string') console.warn(`[steadfast/perf] ${wrote}`)
}
