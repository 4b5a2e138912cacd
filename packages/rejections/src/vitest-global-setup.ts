// Runs in Vitest's main process, once per project that loads it: clears what a previous run left,
// and prints the merged summary when the run is over (in watch mode, when each run is over).
import { projectRoot, runDirectory, vitestGlobalSetup } from '@steadfast/core'
import { endOfRun } from './_endOfRun.js'
import { resolvedOptions } from './_resolved.js'
import { clearWorkerArtifacts } from './report.js'

/** The plugin's options, as it handed them to the workers (and so to this, the main, process). */
function settings(): { dir: string; hangTimeout: number } {
  const root = projectRoot()
  const options = resolvedOptions(root)
  return { dir: runDirectory(root, options.dir), hangTimeout: options.hangTimeout }
}

export const setup = vitestGlobalSetup('rejections', {
  start: () => clearWorkerArtifacts(settings().dir),
  end: (watchRun) => {
    const { dir, hangTimeout } = settings()
    // Watch mode is meant to stay alive: no hang report between its runs.
    endOfRun(dir, watchRun ? 0 : hangTimeout, 'Vitest')
  },
})
