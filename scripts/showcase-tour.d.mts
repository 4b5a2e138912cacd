/** One stop of the tour: how the test must end, and what the tour says it showed. */
export interface TourStop {
  state: 'passed' | 'failed'
  /** For a test that must fail: what its failure message must say. */
  failure?: RegExp
  /** What the run's output must show about this test (a respawn, a leak report); the tour quotes it. */
  reported?: RegExp
  says: string
}
/** Every showcase test, by its title. */
export declare const TOUR: Record<string, TourStop>
/**
 * Whether a test ended as the tour says (`state` from the runner's JSON report: passed/failed), and
 * the run's output (stdout and stderr) shows what the tour quotes for it.
 */
export declare function behaved(title: string, state: string, failure: string, output: string): boolean
/** What the run's output showed for a test, as the tour quotes it (undefined: nothing to quote). */
export declare function reported(title: string, output: string): string | undefined
/** How each part must end the showcase run, as the combined report's overview marks it. */
export declare const PART_MARKS: Record<string, '✓' | '!' | '✗'>
/**
 * The combined end-of-run report's overview in the run's output (its title, one line per part,
 * where the report went), and whether every part ended as `PART_MARKS` says.
 */
export declare function overview(output: string): { text: string | undefined; ok: boolean }
