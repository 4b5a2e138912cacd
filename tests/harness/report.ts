// Vitest's `json` reporter writes Jest's --json format, so one reader serves both runners.

export type TestState = 'passed' | 'failed' | 'skipped' | 'todo'

export interface TestOutcome {
  /** File path relative to the fixture root. */
  file: string
  /** The test's own title. */
  name: string
  /** Describe titles and the test title, joined with " > ". */
  fullName: string
  state: TestState
  /** Failure messages, as the runner rendered them. */
  errors: string[]
}

export interface FileOutcome {
  file: string
  state: 'passed' | 'failed'
  /** A file-level failure (module load error, an error outside any test) as the runner rendered it. */
  message: string
}

export interface RunReport {
  tests: TestOutcome[]
  files: FileOutcome[]
  numPassed: number
  numFailed: number
  success: boolean
}

interface RawAssertion {
  ancestorTitles?: string[]
  title: string
  fullName?: string
  status: string
  failureMessages?: string[]
}

interface RawFile {
  name: string
  status: string
  message?: string
  assertionResults?: RawAssertion[]
}

interface RawReport {
  success?: boolean
  numPassedTests?: number
  numFailedTests?: number
  testResults?: RawFile[]
}

const STATES: Record<string, TestState> = {
  passed: 'passed',
  failed: 'failed',
  skipped: 'skipped',
  pending: 'skipped',
  disabled: 'skipped',
  todo: 'todo',
}

export function parseReport(json: string, root: string): RunReport {
  const raw = JSON.parse(json) as RawReport
  const relative = (file: string): string =>
    file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file
  const tests: TestOutcome[] = []
  const files: FileOutcome[] = []
  for (const file of raw.testResults ?? []) {
    const path = relative(file.name)
    files.push({
      file: path,
      state: file.status === 'passed' ? 'passed' : 'failed',
      message: file.message ?? '',
    })
    for (const assertion of file.assertionResults ?? []) {
      tests.push({
        file: path,
        name: assertion.title,
        fullName: [...(assertion.ancestorTitles ?? []), assertion.title].join(' > '),
        state: STATES[assertion.status] ?? 'failed',
        errors: assertion.failureMessages ?? [],
      })
    }
  }
  return {
    tests,
    files,
    numPassed: raw.numPassedTests ?? 0,
    numFailed: raw.numFailedTests ?? 0,
    success: raw.success ?? false,
  }
}
