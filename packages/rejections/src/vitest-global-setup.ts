// Runs once in Vitest's main process: clears what a previous run left, and prints the merged
// summary when the run is over.
import { projectRoot, runDirectory } from '@steadfast/core'
import { endOfRun } from './_endOfRun.js'
import { deserializeOptions, OPTIONS_ENV } from './_optionsJson.js'
import { clearWorkerArtifacts } from './report.js'

/** The plugin's options, as it left them in this (the main) process's environment. */
function settings(): { dir: string; hangTimeout: number } {
  const json = process.env[OPTIONS_ENV]
  const options = json ? deserializeOptions(json) : undefined
  return { dir: runDirectory(projectRoot(), options?.dir), hangTimeout: options?.hangTimeout ?? 3000 }
}

export function setup(): void {
  clearWorkerArtifacts(settings().dir)
}

export function teardown(): void {
  const { dir, hangTimeout } = settings()
  endOfRun(dir, hangTimeout, 'Vitest')
}
