// Runs once in Vitest's main process: reaps what dead workers of earlier runs left, and at the end
// of this run reaps what its own crashed workers left and prints the summary.
import { endOfRun, startOfRun } from './_endOfRun.js'
import { readRunSettings } from './_worker.js'

export async function setup(): Promise<void> {
  await startOfRun(readRunSettings().dir)
}

export async function teardown(): Promise<void> {
  const { dir, runId } = readRunSettings()
  await endOfRun(dir, runId)
}
