export type {
  CommandOptions,
  FixtureOptions,
  FixtureRun,
  NodeScriptOptions,
  ProjectOptions,
  ScriptRun,
} from './fixture.js'
export { cleanupFixtures, createProject, runCommand, runFixture, runNodeScript } from './fixture.js'
export type { FileOutcome, RunReport, TestOutcome, TestState } from './report.js'
export type { RunnerId, RunnerInfo, RunnerKind } from './runners.js'
export { JEST_RUNNERS, RUNNERS, runnerInfo, VITEST_RUNNERS } from './runners.js'
