// Jest: the global setup `withSteadfast` gives each project of a root that is a bare list of
// wrapped projects (Jest takes reporters only from the root). It starts the combined reporter the
// root would have run; the global teardown finishes it.
import { projectsReportOptions, startedProjectsReport } from './_projectsReport.js'
import SteadfastReporter, { SETUP_FILE } from './jest-reporter.js'

/** What is read of Jest's global config: its projects are the objects the root config listed. */
interface GlobalConfigLike {
  rootDir?: string
  projects?: unknown[]
}

export default async function steadfastGlobalSetup(globalConfig: GlobalConfigLike): Promise<void> {
  const options = projectsReportOptions()
  if (!options) return
  const projectsWithout = (globalConfig.projects ?? []).flatMap((project, at) =>
    withoutSetupFile(project) ? [nameOf(project, at)] : [],
  )
  const reporter = new SteadfastReporter(globalConfig, { ...options, projectsWithout })
  await reporter.onRunStart(undefined, undefined)
  startedProjectsReport(reporter)
}

/** A project listed beside the wrapped ones whose setup files lack ours (a bare one, most often). */
function withoutSetupFile(project: unknown): boolean {
  if (project === null || typeof project !== 'object') return false
  const files = (project as { setupFilesAfterEnv?: unknown }).setupFilesAfterEnv
  return !Array.isArray(files) || !files.includes(SETUP_FILE)
}

function nameOf(project: unknown, at: number): string {
  const { displayName } = project as { displayName?: string | { name?: string } }
  const name = typeof displayName === 'string' ? displayName : displayName?.name
  return name || `projects[${at}]`
}
