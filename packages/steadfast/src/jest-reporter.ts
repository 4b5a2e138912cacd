// Jest: the last of the reporters `preset: 'steadfast'` and `withSteadfast` add. Runs in Jest's
// main process, where Jest calls the reporters' onRunComplete in order: the parts hand in their
// summaries first, then this prints the combined report.
import { runDirectory } from '@steadfast/core'
import type { PartKey } from './_parts.js'
import { type JestResultsLike, jestRunOutcome } from './_runOutcome.js'
import { finishCombinedReport, type ReportContext, startCombinedReport } from './report.js'

/** The reporter's options, as `withSteadfast` passes them. */
export interface CombinedReporterOptions {
  /** The parts that are on. */
  parts: PartKey[]
}

/** The combined end-of-run report of the `steadfast` Jest preset. */
export default class SteadfastReporter {
  readonly #context: ReportContext

  constructor(globalConfig: { rootDir?: string }, options?: Partial<CombinedReporterOptions>) {
    this.#context = {
      runner: 'Jest',
      dir: runDirectory(globalConfig.rootDir ?? process.cwd()),
      parts: options?.parts ?? [],
    }
  }

  onRunStart(): void {
    // Each run of a watch session gets its own report.
    startCombinedReport(this.#context)
  }

  onRunComplete(_contexts: unknown, results: JestResultsLike): void {
    finishCombinedReport(this.#context, jestRunOutcome(results))
  }

  getLastError(): Error | undefined {
    return undefined
  }
}
