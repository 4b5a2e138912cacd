// @steadfast-build: esm-only
// The main entry as an ES module importer gets it: a Vitest test file. There, without the respawn()
// plugin (whose setup file hands over Vitest's hooks) and without Vitest's globals, `useProcess`
// takes its hooks from the `vitest` module, awaited here at load: core's seam tells Vitest's worker,
// and a test file registers hooks while it loads, before any await of ours could run. Elsewhere
// (the plugin's config, Jest, plain Node) nothing is imported. CommonJS importers get index.ts.
import { vitestWorker } from '@steadfast/core'
import { type VitestHooks, workerState } from './_worker.js'

const worker = workerState()
if (!worker.vitestApi && vitestWorker()) {
  // Vitest's hooks declare their listeners' parameters; ours take any function.
  const { beforeAll, beforeEach, afterAll, expect } = (await import('vitest')) as unknown as VitestHooks
  worker.vitestApi = { beforeAll, beforeEach, afterAll, expect }
}

export * from './index.js'
