// Runs once in Vitest's main process: clears what a previous run left, and prints the merged
// summary when the run is over.
import { runDirectory } from '@steadfast/core'
import { endOfRun } from './_endOfRun.js'
import { deserializeOptions, OPTIONS_ENV } from './_optionsJson.js'
import { clearWorkerArtifacts } from './report.js'

function options(): { dir: string | undefined; hangTimeout: number } {
  const json = process.env[OPTIONS_ENV]
  const resolved = json ? deserializeOptions(json) : undefined
  return { dir: resolved?.dir, hangTimeout: resolved?.hangTimeout ?? 3000 }
}

function directory(): string {
  return runDirectory(process.cwd(), options().dir)
}

export function setup(): void {
  clearWorkerArtifacts(directory())
}

export function teardown(): void {
  endOfRun(directory(), options().hangTimeout, 'Vitest')
}
