// Jest: the global teardown that finishes the report jest-global-setup.ts started. It runs once
// the tests and Jest's reporters are done. Jest's results are not handed to a teardown: the
// overview tells what the parts found, and not how the run ended.
import { takeProjectsReporter } from './_projectsReport.js'

export default async function steadfastGlobalTeardown(): Promise<void> {
  const reporter = takeProjectsReporter()
  if (!reporter) return
  await reporter.onRunComplete(undefined, undefined)
  const error = reporter.getLastError()
  // Jest prints what a teardown throws and fails the run: the parts' failures, not our frames.
  if (error) throw Object.assign(error, { stack: `${error.name}: ${error.message}` })
}
