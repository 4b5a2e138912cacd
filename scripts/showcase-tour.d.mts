/** One stop of the tour: how the test must end, and what the tour says it showed. */
export interface TourStop {
  state: 'passed' | 'failed'
  /** For a test that must fail: what its failure message must say. */
  failure?: RegExp
  says: string
}
/** Every showcase test, by its title. */
export declare const TOUR: Record<string, TourStop>
/** Whether a test ended as the tour says (`state` from the runner's JSON report: passed/failed). */
export declare function behaved(title: string, state: string, failure: string): boolean
