// Runs once in Vitest's main process, first of the global setups so that its teardown runs last
// (Vitest tears them down in reverse): every part has handed in its summary by then.
import { finishCombinedReport, reportContextFromEnv } from './report.js'

export function teardown(): void {
  const failures = finishCombinedReport(reportContextFromEnv('Vitest'))
  if (failures.length > 0) {
    process.exitCode = 1
    throw failures.length === 1
      ? failures[0]
      : new AggregateError(failures, failures.map((f) => f.message).join('\n\n'))
  }
}
