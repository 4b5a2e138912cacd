// @steadfast-build: self-contained
// The Jest side of a worker, loaded once per worker with Node's own require (see jest.ts): the
// engine, its real clocks and tinybench live outside the test files' sandboxes.
import { createRequire } from 'node:module'
import { jestNotice, readSharedConfig } from '@steadfast/core'
import { sibling } from './_here.js'
import { type PerfWorker, perfWorker } from './_worker.js'
import type { PerfOptions } from './options.js'
import { SETTINGS_ENV } from './settings.js'

/**
 * The worker, with settings from the reporter (when it runs, it validated them in the main
 * process) or else from steadfast.config.* and the environment.
 */
export function jestWorker(root: string): PerfWorker {
  if (!process.env[SETTINGS_ENV]) {
    // Only without the reporter: the options module brings the schema library (zod), which a
    // worker otherwise never loads.
    const { resolvePerfOptions, settingsOf } = createRequire(sibling('options.js'))(
      './options.js',
    ) as typeof import('./options.js')
    const options = resolvePerfOptions(readSharedConfig(root, 'perf') as PerfOptions | undefined)
    process.env[SETTINGS_ENV] = JSON.stringify(settingsOf(options, root))
  }
  return perfWorker()
}

/** What the part does for each Jest test file: the matchers on its `expect`, notices to its console. */
export function installForFile(sandbox: typeof globalThis): void {
  const worker = jestWorker(process.cwd())
  const file = sandbox as unknown as { console: Console; expect: { extend(matchers: object): void } }
  worker.warn = jestNotice(file.console)
  file.expect.extend(worker.matchers)
}
