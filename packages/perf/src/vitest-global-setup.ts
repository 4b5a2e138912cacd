// Runs in Vitest's main process, once per project that loads it: clears what a previous run left,
// and reports at the end of the run (in watch mode, at the end of each run).
import { handedTo, vitestGlobalSetup } from '@steadfast/core'
import { endOfRun, type ReportSwitches } from './_endOfRun.js'
import { clearWorkerArtifacts } from './report.js'
import { currentSettings, PART, type PerfHanded } from './settings.js'

/** Which reports the plugin's options asked for (all, for a global setup listed without it). */
function switches(): ReportSwitches {
  return handedTo<PerfHanded>(PART)?.reports ?? { html: true, bencher: true }
}

export const setup = vitestGlobalSetup('perf', {
  start: () => clearWorkerArtifacts(currentSettings().dir),
  end: () => endOfRun(currentSettings().dir, switches()),
})
