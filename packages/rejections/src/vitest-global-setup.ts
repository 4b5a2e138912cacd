// Runs in Vitest's main process, once per project that loads it: clears what a previous run left,
// and prints the merged summary when the run is over (in watch mode, when each run is over).
import { projectRoot, runDirectory, vitestGlobalSetup } from '@steadfast/core'
import { endOfRun } from './_endOfRun.js'
import { deserializeOptions, OPTIONS_ENV } from './_optionsJson.js'
import { clearWorkerArtifacts } from './report.js'

/** The plugin's options, as it left them in this (the main) process's environment. */
function settings(): { dir: string; hangTimeout: number } {
  const json = process.env[OPTIONS_ENV]
  const options = json ? deserializeOptions(json) : undefined
  return { dir: runDirectory(projectRoot(), options?.dir), hangTimeout: options?.hangTimeout ?? 3000 }
}

export const setup = vitestGlobalSetup('rejections', {
  start: () => clearWorkerArtifacts(settings().dir),
  end: (watchRun) => {
    const { dir, hangTimeout } = settings()
    // Watch mode is meant to stay alive: no hang report between its runs.
    endOfRun(dir, watchRun ? 0 : hangTimeout, 'Vitest')
  },
})
