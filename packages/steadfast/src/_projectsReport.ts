// The run's report when Jest's root config is a bare list of projects each wrapped with
// `withSteadfast` (jest.ts): the config hands the global setup what the reporter would have been
// given, and the setup hands the teardown the reporter it started. All of it happens in Jest's main
// process, where the config may have loaded this package's ES module build and the hooks its
// CommonJS build: hence a registered symbol on globalThis, not a module's own variable.
import type { CombinedReporterOptions } from './jest-reporter.js'

/** What the teardown needs of the reporter the setup started. */
export interface ProjectsReporter {
  onRunComplete(contexts: unknown, results: undefined): Promise<void>
  getLastError(): Error | undefined
}

interface ProjectsReport {
  options: CombinedReporterOptions
  running?: ProjectsReporter
}

const KEY = Symbol.for('steadfast.jest.projectsReport')
type WithReport = typeof globalThis & { [KEY]?: ProjectsReport }

/** Called by `withSteadfast` once it knows the root is not wrapped. */
export function setProjectsReport(options: CombinedReporterOptions): void {
  ;(globalThis as WithReport)[KEY] = { options }
}

/** The reporter's options, or none when this process's config did not ask for a projects report. */
export function projectsReportOptions(): CombinedReporterOptions | undefined {
  return (globalThis as WithReport)[KEY]?.options
}

/** Hands the teardown the reporter the setup started for this run. */
export function startedProjectsReport(reporter: ProjectsReporter): void {
  const report = (globalThis as WithReport)[KEY]
  if (report) report.running = reporter
}

/** The reporter started for this run, once: the next run (watch mode) starts its own. */
export function takeProjectsReporter(): ProjectsReporter | undefined {
  const report = (globalThis as WithReport)[KEY]
  const running = report?.running
  if (report) report.running = undefined
  return running
}
