// How the runner ended the run, read from what each runner hands its reporters at the end: the
// overview tells it beside what the parts found.
import { realpathSync } from 'node:fs'
import type { RunOutcome } from '@steadfast/core'

/** Whether `files` (a project's resolved setup files) hold `file`, by the file itself: links resolved. */
function holds(files: readonly string[], file: string): boolean {
  if (files.includes(file)) return true
  const real = (path: string): string => {
    try {
      return realpathSync(path)
    } catch {
      return path
    }
  }
  const target = real(file)
  return files.some((each) => real(each) === target)
}

/** The part of Vitest's `TestModule` (Vitest ≥ 3.2 reporter API) read here. */
export interface VitestModuleLike {
  errors?: () => readonly unknown[]
  project?: { name?: string; config?: { setupFiles?: readonly string[] } }
  children?: { allTests?: () => Iterable<{ result: () => { state: string } }> }
}

/**
 * From Vitest's `onTestRunEnd(testModules, unhandledErrors, reason)`; `setupFile` is the umbrella's
 * one setup file, which a project that ran without it did not have.
 */
export function vitestRunOutcome(
  modules: readonly VitestModuleLike[],
  unhandledErrors: readonly unknown[],
  reason: string | undefined,
  setupFile: string,
): RunOutcome {
  let tests = 0
  let failedTests = 0
  let failedFiles = 0
  const without = new Set<string>()
  for (const module of modules) {
    const setupFiles = module.project?.config?.setupFiles
    if (setupFiles && !holds(setupFiles, setupFile)) without.add(module.project?.name || 'the root')
    for (const test of module.children?.allTests?.() ?? []) {
      const { state } = test.result()
      if (state === 'passed' || state === 'failed') tests++
      if (state === 'failed') failedTests++
    }
    if ((module.errors?.() ?? []).length > 0) failedFiles++
  }
  const failed = reason === 'failed' || failedTests > 0 || failedFiles > 0 || unhandledErrors.length > 0
  return {
    status: reason === 'interrupted' ? 'interrupted' : failed ? 'failed' : 'passed',
    tests,
    failedTests,
    failedFiles,
    unhandledErrors: unhandledErrors.length,
    ...(without.size > 0 ? { projectsWithout: [...without] } : {}),
  }
}

/** The part of a Jest test context (one per project) read here. */
export interface JestContextLike {
  config?: { rootDir?: string; displayName?: { name?: string }; setupFilesAfterEnv?: readonly string[] }
}

/**
 * The projects of a Jest run whose setup files lack the umbrella's, `setupFile`, from the contexts
 * Jest hands `onRunComplete` (one per project that had test files).
 */
export function jestProjectsWithout(
  contexts: Iterable<JestContextLike> | undefined,
  setupFile: string,
): string[] {
  const without: string[] = []
  for (const { config } of contexts ?? []) {
    if (!config?.setupFilesAfterEnv || holds(config.setupFilesAfterEnv, setupFile)) continue
    without.push(config.displayName?.name || config.rootDir || 'the root')
  }
  return without
}

/** The part of Jest's `AggregatedResult` read here (the same in Jest 29 and 30). */
export interface JestResultsLike {
  numTotalTests?: number
  numPendingTests?: number
  numTodoTests?: number
  numFailedTests?: number
  numFailedTestSuites?: number
  numRuntimeErrorTestSuites?: number
  wasInterrupted?: boolean
  runExecError?: unknown
  snapshot?: { failure?: boolean }
  testResults?: ReadonlyArray<{
    testExecError?: unknown
    failureMessage?: string | null
    numFailingTests?: number
  }>
}

/**
 * From the results Jest hands `onRunComplete`. Jest computes its own `success` only after the
 * reporters have run, so it is worked out here the way Jest then does.
 */
export function jestRunOutcome(results: JestResultsLike): RunOutcome {
  const failedTests = results.numFailedTests ?? 0
  // A file that failed outside its tests: it could not run, or a hook of it failed.
  const failedFiles = (results.testResults ?? []).filter(
    (file) => file.testExecError != null || (!file.numFailingTests && Boolean(file.failureMessage)),
  ).length
  const failed =
    failedTests > 0 ||
    failedFiles > 0 ||
    (results.numFailedTestSuites ?? 0) > 0 ||
    (results.numRuntimeErrorTestSuites ?? 0) > 0 ||
    results.snapshot?.failure === true ||
    results.runExecError != null
  return {
    status: results.wasInterrupted ? 'interrupted' : failed ? 'failed' : 'passed',
    tests: (results.numTotalTests ?? 0) - (results.numPendingTests ?? 0) - (results.numTodoTests ?? 0),
    failedTests,
    failedFiles,
    unhandledErrors: 0,
  }
}
