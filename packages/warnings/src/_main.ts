import { processRuntime, type Runtime } from './_runtime.js'
import { clearRun } from './artifact.js'

/**
 * Starts the run in the main process (idempotent): clears what a previous run left in the run
 * directory, then captures the main process's own warnings, counted under `(main process)`.
 * Under Jest's --runInBand the tests run here too, and their files take over while they run.
 */
export function startMainCapture(root: string = process.cwd()): Runtime {
  const runtime = processRuntime(root)
  if (runtime.outside === MAIN && runtime.capture.active) return runtime
  clearRun(runtime.dir)
  runtime.outside = MAIN
  runtime.capture.acquire()
  return runtime
}

/** Ends the main process's capture (Node's printer is back) and writes what it counted. */
export function stopMainCapture(runtime: Runtime): void {
  if (runtime.outside === MAIN && runtime.capture.active) runtime.capture.release()
  runtime.outside = STOPPED
  runtime.flush()
}

const MAIN = '(main process)'
// Warnings after the end of the run still count somewhere, but the next run starts afresh.
const STOPPED = '(main process, after the run)'
