// The matchers, as `expect.extend` takes them in both runners: `this` is the runner's matcher
// context (isNot, currentTestName, testPath), the first argument the received value.
import type { GateContext } from './gate.js'
import type { GateOptions } from './gateOptions.js'
import type { GateRecord } from './record.js'
import type { PerfSettings } from './settings.js'

/** The part of Vitest's and Jest's matcher context a gate reads. */
export interface MatcherState {
  isNot?: boolean
  currentTestName?: string
  testPath?: string
}

/** What a matcher returns to the runner. */
export interface MatcherResult {
  pass: boolean
  message: () => string
}

export type PerfMatcher = (
  this: MatcherState,
  received: unknown,
  expected: unknown,
  options?: GateOptions,
) => Promise<MatcherResult>

/** Where a worker sends each judged gate: its artifact, and a live line for notes. */
export interface GateSink {
  settings: () => PerfSettings
  record: (record: GateRecord, message: string) => void
}

/** The two matchers (`toBeFasterThan` and its alias `toRunFasterThan`), reporting to `sink`. */
export function createPerfMatchers(sink: GateSink): {
  toBeFasterThan: PerfMatcher
  toRunFasterThan: PerfMatcher
} {
  const make = (matcher: string): PerfMatcher =>
    async function (this: MatcherState, received, expected, options) {
      const context: GateContext = {
        matcher,
        not: this.isNot === true,
        currentTestName: this.currentTestName,
        testPath: this.testPath,
      }
      // The engine (tinybench, the statistics, the guards) loads on a file's first gate: most test
      // files have none, and Vitest starts a fresh worker for each of them.
      const { runGate } = await import('./gate.js')
      const { failed, record, message } = await runGate(received, expected, options, sink.settings(), context)
      sink.record(record, message)
      // The runner fails the test when `pass === isNot`: under `.not` the claim was already
      // mirrored, so a failed claim must read as `pass: true` there.
      return { pass: context.not ? failed : !failed, message: () => message }
    }
  return { toBeFasterThan: make('toBeFasterThan'), toRunFasterThan: make('toRunFasterThan') }
}
