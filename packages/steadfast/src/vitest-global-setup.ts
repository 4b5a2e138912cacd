// Runs in Vitest's main process, once per project that loads it, first of the global setups so
// that its teardown runs last (Vitest tears them down in reverse): every part has handed in its
// summary by then. In watch mode it ends each run, after the parts (see followVitestRuns).
import { collectingSections, vitestGlobalSetup } from '@steadfast/core'
import { VITEST_SETUP_FILE } from './_parts.js'
import { type VitestModuleLike, vitestRunOutcome } from './_runOutcome.js'
import { finishCombinedReport, reportContextFromEnv, startCombinedReport } from './report.js'

export const setup = vitestGlobalSetup('steadfast', {
  // The plugin started the first run's report (configureVitest); a rerun starts its own.
  start: () => {
    if (!collectingSections()) startCombinedReport(reportContextFromEnv('Vitest'))
  },
  end: (watchRun) => {
    const outcome = watchRun
      ? vitestRunOutcome(
          watchRun.modules as readonly VitestModuleLike[],
          watchRun.errors,
          watchRun.reason,
          VITEST_SETUP_FILE,
        )
      : undefined
    const failures = finishCombinedReport(reportContextFromEnv('Vitest'), outcome)
    if (failures.length > 0) {
      if (!watchRun) process.exitCode = 1
      throw failures.length === 1
        ? failures[0]
        : new AggregateError(failures, failures.map((f) => f.message).join('\n\n'))
    }
  },
})
