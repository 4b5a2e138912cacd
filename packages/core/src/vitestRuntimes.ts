// The parts' runtimes, installed by the umbrella's one setup file and loaded by Node itself. Vitest
// runs a setup file through its module runner, which asks the main process about every module the
// file imports, one round trip each, in turn; this module is not the setup file but what it imports
// from node_modules, so Vitest hands it to Node, and what it imports is loaded natively (once per
// worker): one round trip for all parts.
// Each runtime is the CommonJS build beside its ES module, loaded from core's V8 code cache: in the
// forks pool every test file is a new process, where nothing of ours would otherwise be compiled
// yet (docs/design/overhead.md).
import { existsSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { codeCachePending, requireWithCodeCache, saveCodeCache } from './codeCache.js'
import { VITEST_RUNTIMES_ENV } from './vitestConfig.js'

type Runtime = { installForFile(api: unknown): void }
type VitestApi = { afterAll(fn: () => void): void }

let loaded: Runtime[] | undefined

/** The part's runtime: its CommonJS build through the code cache, or the ES module where there is none. */
async function load(path: string): Promise<Runtime> {
  const script = path.replace(/([\\/])dist[\\/]esm[\\/]/, '$1dist$1cjs$1')
  if (script !== path && existsSync(script)) return requireWithCodeCache(script) as Runtime
  return (await import(pathToFileURL(path).href)) as Runtime
}

/**
 * Installs every part's runtime for the test file being set up, in the order of the parts, each
 * loaded (the first time) before it is installed: the first part's hooks wrap the others'. Where
 * the code cache was missing, it is written once this first file has run.
 */
export async function installRuntimes(vitest: VitestApi): Promise<void> {
  if (loaded) {
    for (const runtime of loaded) runtime.installForFile(vitest)
    return
  }
  const runtimes: Runtime[] = []
  for (const path of JSON.parse(process.env[VITEST_RUNTIMES_ENV] ?? '[]') as string[]) {
    const runtime = await load(path)
    runtime.installForFile(vitest)
    runtimes.push(runtime)
  }
  loaded = runtimes
  if (codeCachePending()) vitest.afterAll(saveCodeCache)
}
