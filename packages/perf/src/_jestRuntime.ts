// @steadfast-build: self-contained
// The Jest side of a worker, loaded once per worker with Node's own require (see jest.ts): the
// engine, its real clocks and tinybench live outside the test files' sandboxes.
import { handedTo, handToWorkers, jestNotice } from '@steadfast/core'
import { ownOptions } from './_resolved.js'
import { type PerfWorker, perfWorker } from './_worker.js'
import { handedOf, PART } from './settings.js'

/**
 * The worker, with settings from the reporter (when it runs, it resolved them in the main
 * process) or else from steadfast.config.* and the environment.
 */
export function jestWorker(root: string): PerfWorker {
  // Only without the reporter: resolved here once, for every later file of this worker too.
  if (!handedTo(PART)) handToWorkers(PART, handedOf(ownOptions(root), root))
  return perfWorker()
}

/** What the part does for each Jest test file: the matchers on its `expect`, notices to its console. */
export function installForFile(sandbox: typeof globalThis): void {
  const worker = jestWorker(process.cwd())
  const file = sandbox as unknown as { console: Console; expect: { extend(matchers: object): void } }
  worker.warn = jestNotice(file.console)
  file.expect.extend(worker.matchers)
}
