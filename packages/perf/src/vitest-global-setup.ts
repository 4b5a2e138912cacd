// Runs once in Vitest's main process: clears what a previous run left, and reports at the end.
import { endOfRun, type ReportSwitches } from './_endOfRun.js'
import { REPORTS_ENV } from './_meta.js'
import { clearWorkerArtifacts } from './report.js'
import { currentSettings } from './settings.js'

function switches(): ReportSwitches {
  try {
    return JSON.parse(process.env[REPORTS_ENV] ?? '') as ReportSwitches
  } catch {
    return { html: true, bencher: true }
  }
}

export function setup(): void {
  clearWorkerArtifacts(currentSettings().dir)
}

export function teardown(): void {
  endOfRun(currentSettings().dir, switches())
}
