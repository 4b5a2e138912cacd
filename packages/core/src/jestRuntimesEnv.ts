/**
 * The parts' Jest runtimes, as a JSON list of absolute paths: set by the umbrella's `withSteadfast`
 * in Jest's main process, read by its one setup file in every test file (core's jestHost.ts).
 */
export const JEST_RUNTIMES_ENV = 'STEADFAST_JEST_RUNTIMES'
