// Jest: the one reporter `preset: 'steadfast'` and `withSteadfast` add. Runs in Jest's main
// process. It runs the enabled parts' own reporters, in the order of the parts, then prints the
// combined report from what they handed in. The parts' reporters and all they load come from
// core's V8 code cache (docs/design/overhead.md): compiling them was a good part of what they cost
// a run, and Jest loads its reporters anew in every run.

import { join } from 'node:path'
import { codeDirOf, runDirectory } from '@steadfast/core'
import { codeCachePending, requireWithCodeCache, saveCodeCache } from '@steadfast/core/worker'
import type { PartKey } from './_parts.js'
import {
  type JestContextLike,
  type JestResultsLike,
  jestProjectsWithout,
  jestRunOutcome,
} from './_runOutcome.js'
import { finishCombinedReport, type ReportContext, startCombinedReport } from './report.js'

/** withSteadfast's one setup file: this reporter is always the CommonJS build's, as that file is. */
// Found from this file, not from _parts.js: that would load the parts' options in this process.
export const SETUP_FILE: string = join(codeDirOf(new Error()), 'jest-setup.js')

/** The reporter's options, as `withSteadfast` passes them. */
export interface CombinedReporterOptions {
  /** The parts that are on. */
  parts: PartKey[]
  /** The parts' own Jest reporters (absolute paths), run by this one in this order. */
  reporters: string[]
  /** Projects without Steadfast's setup file, when the report runs from the global hooks. */
  projectsWithout?: string[]
}

/** What this reporter asks of a part's own Jest reporter. */
interface PartReporter {
  onRunStart?(results: unknown, options: unknown): unknown
  onRunComplete?(contexts: unknown, results: unknown): unknown
  getLastError?(): Error | undefined
}
type PartReporterClass = new (globalConfig: unknown) => PartReporter

/** The combined end-of-run report of the `steadfast` Jest preset, and the parts' reporters. */
export default class SteadfastReporter {
  readonly #context: ReportContext
  readonly #parts: PartReporter[]

  constructor(globalConfig: { rootDir?: string }, options?: Partial<CombinedReporterOptions>) {
    this.#context = {
      runner: 'Jest',
      dir: runDirectory(globalConfig.rootDir ?? process.cwd()),
      parts: options?.parts ?? [],
      ...(options?.projectsWithout?.length ? { projectsWithout: options.projectsWithout } : {}),
    }
    this.#parts = (options?.reporters ?? []).map((file) => {
      const module = requireWithCodeCache(file) as { default?: PartReporterClass }
      if (typeof module.default !== 'function')
        throw new TypeError(`steadfast: ${file} is not a Jest reporter (no default export class)`)
      return new module.default(globalConfig)
    })
  }

  async onRunStart(results: unknown, options: unknown): Promise<void> {
    for (const part of this.#parts) await part.onRunStart?.(results, options)
    // Each run of a watch session gets its own report.
    startCombinedReport(this.#context)
  }

  /** `results` is missing when the report is run from a global teardown (jest-global-teardown.ts). */
  async onRunComplete(contexts: unknown, results: JestResultsLike | undefined): Promise<void> {
    // The parts first: they hand in their summaries, which the combined report prints.
    for (const part of this.#parts) await part.onRunComplete?.(contexts, results)
    const without = jestProjectsWithout(contexts as Iterable<JestContextLike> | undefined, SETUP_FILE)
    const outcome = results && {
      ...jestRunOutcome(results),
      ...(without.length > 0 ? { projectsWithout: without } : {}),
    }
    finishCombinedReport(this.#context, outcome)
    // Every function the run needed has run: the cache now holds them all.
    if (codeCachePending()) saveCodeCache()
  }

  /** The parts' errors (a budget exceeded, a new warning kind): Jest fails the run on any. */
  getLastError(): Error | undefined {
    const errors = this.#parts.flatMap((part) => part.getLastError?.() ?? [])
    if (errors.length <= 1) return errors[0]
    return new AggregateError(errors, errors.map((error) => error.message).join('\n'))
  }
}
