// Runs in Vitest's main process, once per project that loads it: clears what a previous run left,
// and reports at the end of the run (in watch mode, at the end of each run).
import { vitestGlobalSetup } from '@steadfast/core'
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

export const setup = vitestGlobalSetup('perf', {
  start: () => clearWorkerArtifacts(currentSettings().dir),
  end: () => endOfRun(currentSettings().dir, switches()),
})
