// Runs in Vitest's main process, once per project that loads it: reaps what dead workers of
// earlier runs left, and at the end of the run reaps what its own crashed workers left and prints
// the summary (in watch mode, at the end of each run).
import { vitestGlobalSetup } from '@steadfast/core'
import { endOfRun, startOfRun } from './_endOfRun.js'
import { readRunSettings } from './_worker.js'

export const setup = vitestGlobalSetup('respawn', {
  start: () => startOfRun(readRunSettings().dir),
  end: async () => {
    const { dir, runId } = readRunSettings()
    await endOfRun(dir, runId)
  },
})
