import { appendStepSummary } from './stepSummary.js'

/** How a part of the suite ended the run: `failed` fails the run, `warned` only tells. */
export type SectionStatus = 'passed' | 'warned' | 'failed'

/**
 * One package's end-of-run summary, as it hands it to the combined report of the `steadfast`
 * umbrella (or prints it itself when the package runs alone).
 */
export interface RunSection {
  /** The package's key in the umbrella's options: `rejections`, `warnings`, `respawn`, `perf`. */
  part: string
  status: SectionStatus
  /** One line for the overview, without the package name: `2 gates, 1 failed, mode PR`. */
  headline: string
  /** What the package prints at the end of a run on its own; empty when it has nothing to say. */
  text: string
  /**
   * The same, uncut, when `text` cuts its lines to the terminal's width: what the HTML report shows.
   * Defaults to `text`.
   */
  fullText?: string
  /** Its Markdown for `$GITHUB_STEP_SUMMARY` (a `###` section); empty when it has nothing. */
  markdown: string
  /** The reports it wrote (absolute paths), by what they hold: `{ json: …, html: … }`. */
  files: Record<string, string>
  /** The numbers behind the headline, for the combined JSON report. */
  counts: Record<string, number>
}

/**
 * How the runner itself ended the run, whatever the parts found: the umbrella's overview says
 * both, so that a run that failed on its own is never called passed.
 */
export interface RunOutcome {
  /** `interrupted`: a bail, Ctrl-C, or a run Vitest cancelled. */
  status: 'passed' | 'failed' | 'interrupted'
  /** Tests that ran (not skipped or todo). */
  tests: number
  failedTests: number
  /** Test files that failed outside their tests: a load error, a failing `afterAll`. */
  failedFiles: number
  /** Errors the runner reported outside any test file (Vitest's "Unhandled Errors"). */
  unhandledErrors: number
  /**
   * Projects whose test files ran without Steadfast's setup file (a Vitest project that does not
   * extend the root, a Jest project whose setup files were replaced): no part saw their tests.
   */
  projectsWithout?: string[]
}

interface Collector {
  sections: RunSection[]
  failures: Error[]
  run?: RunOutcome
}

// On globalThis under a registered symbol: the umbrella and each package may each load their own
// copy of this module (ES module and CommonJS builds, or two installed versions).
const COLLECTOR = Symbol.for('steadfast.runReport')
type WithCollector = typeof globalThis & { [COLLECTOR]?: Collector }

/**
 * Starts collecting the packages' end-of-run sections in this process, for one combined report.
 * Called by the umbrella in the runner's main process before the run ends; a second call starts
 * over (watch mode runs again in the same process).
 */
export function collectSections(): void {
  ;(globalThis as WithCollector)[COLLECTOR] = { sections: [], failures: [] }
}

/** Whether the umbrella collects the sections (true) or each package prints its own (false). */
export function collectingSections(): boolean {
  return (globalThis as WithCollector)[COLLECTOR] !== undefined
}

/**
 * Hands a package's end-of-run summary to the combined report when the umbrella collects, else
 * prints it and appends its Markdown to the GitHub step summary, as the package does alone.
 * Returns a reason when the step summary could not be written (never thrown: a summary must not
 * fail a run).
 */
export function publishSection(section: RunSection): string | undefined {
  const collector = (globalThis as WithCollector)[COLLECTOR]
  if (collector) {
    collector.sections = [...collector.sections.filter((s) => s.part !== section.part), section]
    return undefined
  }
  if (section.text) console.log(`\n${section.text}\n`)
  if (!section.markdown) return undefined
  const wrote = appendStepSummary(section.markdown)
  return typeof wrote === 'string' ? wrote : undefined
}

/**
 * Defers a failure of the run to the umbrella, which throws it after printing the combined report
 * (a Vitest global teardown that throws stops the teardowns after it). Returns false when nobody
 * collects: the caller throws it itself.
 */
export function deferFailure(error: Error): boolean {
  const collector = (globalThis as WithCollector)[COLLECTOR]
  if (!collector) return false
  collector.failures.push(error)
  return true
}

/**
 * Notes how the runner ended the run, for the combined report. Called where the runner tells
 * (Vitest's `onTestRunEnd`, which comes before the global teardowns that print the report); does
 * nothing when nobody collects.
 */
export function recordRunOutcome(outcome: RunOutcome): void {
  const collector = (globalThis as WithCollector)[COLLECTOR]
  if (collector) collector.run = outcome
}

/** Ends the collection and returns what the packages handed in; undefined when none was started. */
export function takeSections(): { sections: RunSection[]; failures: Error[]; run?: RunOutcome } | undefined {
  const collector = (globalThis as WithCollector)[COLLECTOR]
  delete (globalThis as WithCollector)[COLLECTOR]
  return collector
}
