// Jest: the one reporter `preset: 'steadfast'` and `withSteadfast` add. Runs in Jest's main
// process. It runs the enabled parts' own reporters, in the order of the parts, then prints the
// combined report from what they handed in. The parts' reporters and all they load come from
// core's V8 code cache (docs/design/overhead.md): compiling them was a good part of what they cost
// a run, and Jest loads its reporters anew in every run.

import { join, resolve } from 'node:path'
import {
  codeDirOf,
  decodeOptions,
  guarded,
  guardedSync,
  partOfFile,
  reporterOptionsFor,
  runDirectory,
} from '@steadfast/core'
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
  /**
   * The parts' options as `withSteadfast` resolved them (core's encodeOptions): `{ root?, parts }`,
   * `root` the folder whose steadfast.config.* they were read from, absent when given in code.
   */
  handed?: string
  /** Projects without Steadfast's setup file, when the report runs from the global hooks. */
  projectsWithout?: string[]
}

/** What this reporter asks of a part's own Jest reporter. */
interface PartReporter {
  onRunStart?(results: unknown, options: unknown): unknown
  onRunComplete?(contexts: unknown, results: unknown): unknown
  getLastError?(): Error | undefined
}
type PartReporterClass = new (globalConfig: unknown, options: unknown) => PartReporter

/**
 * The parts' options `withSteadfast` resolved, when they hold for this run: given in code, or read
 * from the steadfast.config.* of this run's rootDir.
 */
function handedParts(handed: string | undefined, rootDir: string): Record<string, unknown> | undefined {
  if (handed === undefined) return undefined
  const { root, parts } = decodeOptions<{ root?: string; parts: Record<string, unknown> }>(handed)
  return root === undefined || resolve(root) === resolve(rootDir) ? parts : undefined
}

/** The combined end-of-run report of the `steadfast` Jest preset, and the parts' reporters. */
export default class SteadfastReporter {
  readonly #context: ReportContext
  readonly #parts: Array<{ key: string; reporter: PartReporter }>

  constructor(globalConfig: { rootDir?: string }, options?: Partial<CombinedReporterOptions>) {
    this.#context = {
      runner: 'Jest',
      dir: runDirectory(globalConfig.rootDir ?? process.cwd()),
      parts: options?.parts ?? [],
      ...(options?.projectsWithout?.length ? { projectsWithout: options.projectsWithout } : {}),
    }
    const handed = handedParts(options?.handed, globalConfig.rootDir ?? process.cwd())
    const keys = options?.parts ?? []
    this.#parts = []
    for (const [at, file] of (options?.reporters ?? []).entries()) {
      // `parts` and `reporters` are in the same order (jest.ts): the part's options by its key.
      const key = keys[at] ?? partOfFile(file)
      guardedSync(key, 'reporter', 'to start its Jest reporter', () => {
        const module = requireWithCodeCache(file) as { default?: PartReporterClass }
        if (typeof module.default !== 'function')
          throw new TypeError(`steadfast: ${file} is not a Jest reporter (no default export class)`)
        const resolved = handed?.[key]
        const reporter = new module.default(
          globalConfig,
          resolved === undefined ? undefined : reporterOptionsFor(resolved),
        )
        this.#parts.push({ key, reporter })
      })
    }
  }

  async onRunStart(results: unknown, options: unknown): Promise<void> {
    // A fault of ours in a part costs that part its report, never the run (ownFault.ts).
    for (const { key, reporter } of this.#parts)
      await guarded(key, 'start', 'at the start of the run', () => reporter.onRunStart?.(results, options))
    // Each run of a watch session gets its own report.
    startCombinedReport(this.#context)
  }

  /** `results` is missing when the report is run from a global teardown (jest-global-teardown.ts). */
  async onRunComplete(contexts: unknown, results: JestResultsLike | undefined): Promise<void> {
    // The parts first: they hand in their summaries, which the combined report prints.
    for (const { key, reporter } of this.#parts)
      await guarded(key, 'end', 'at the end of the run', () => reporter.onRunComplete?.(contexts, results))
    const without = jestProjectsWithout(contexts as Iterable<JestContextLike> | undefined, SETUP_FILE)
    const outcome = results && {
      ...jestRunOutcome(results),
      ...(without.length > 0 ? { projectsWithout: without } : {}),
    }
    await guarded('steadfast', 'report', 'to write the combined report', () =>
      finishCombinedReport(this.#context, outcome),
    )
    // Every function the run needed has run: the cache now holds them all.
    if (codeCachePending()) saveCodeCache()
  }

  /** The parts' errors (a budget exceeded, a new warning kind): Jest fails the run on any. */
  getLastError(): Error | undefined {
    const errors = this.#parts.flatMap(({ reporter }) => reporter.getLastError?.() ?? [])
    if (errors.length <= 1) return errors[0]
    return new AggregateError(errors, errors.map((error) => error.message).join('\n'))
  }
}
