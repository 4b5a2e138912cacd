// @steadfast-build: esm-only
// The parts' runtimes, loaded by Node itself. Vitest runs a setup file through its module runner,
// which asks the main process about every module the file imports, one round trip each, in turn;
// this module is not the setup file but what it imports from node_modules, so Vitest hands it to
// Node, and what it imports is loaded natively (once per worker): one round trip for all parts.
import { pathToFileURL } from 'node:url'
import { VITEST_RUNTIMES_ENV } from '@steadfast/core'

type Runtime = { installForFile(api: unknown): void }

let loaded: Runtime[] | undefined

/**
 * Installs every part's runtime for the test file being set up, in the order of the parts, each
 * loaded (the first time) before it is installed: the first part's hooks wrap the others'.
 */
export async function installRuntimes(vitest: unknown): Promise<void> {
  if (loaded) {
    for (const runtime of loaded) runtime.installForFile(vitest)
    return
  }
  const runtimes: Runtime[] = []
  for (const path of JSON.parse(process.env[VITEST_RUNTIMES_ENV] ?? '[]') as string[]) {
    const runtime = (await import(pathToFileURL(path).href)) as Runtime
    runtime.installForFile(vitest)
    runtimes.push(runtime)
  }
  loaded = runtimes
}
