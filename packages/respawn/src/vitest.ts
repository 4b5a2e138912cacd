import { randomBytes } from 'node:crypto'
import { relative } from 'node:path'
import {
  esmFileOf,
  extendVitestConfig,
  followVitestRuns,
  handToWorkers,
  onMergedReports,
  runDirectory,
  shareSetupFiles,
  type VitestConfigLike,
  type VitestContextLike,
  type VitestPartSetup,
} from '@steadfast/core'
import { report } from './_endOfRun.js'
import { CODE_DIR, sibling } from './_here.js'
import { useProcessWith } from './_hooks.js'
import { vitestAnnounce, vitestTestInfo } from './_vitestContext.js'
import { PART, type RunSettings, type VitestHooks, workerState } from './_worker.js'
import type { ProcessDefinition, ProcessFixture } from './defineProcess.js'
import type { ProcessHandle } from './handle.js'
import { type RespawnOptions, resolveRespawnOptions } from './pluginOptions.js'
import { META_KEY, type RespawnRecord } from './report.js'

/** The part of a Vite plugin this one uses (typed here so the package needs no Vite types). */
export interface RespawnVitestPlugin {
  name: string
  /** Its setup file and the runtime that file installs: the umbrella folds every part's into one. */
  setup: VitestPartSetup
  config: (config: VitestConfigLike) => void
  configureVitest: (context: VitestContextLike) => void
}

// Vitest's setup files are ES modules, also when this plugin was loaded from the CommonJS build.
const setup: VitestPartSetup = {
  file: esmFileOf(CODE_DIR, 'vitest-setup.js'),
  runtime: esmFileOf(CODE_DIR, '_vitestFile.js'),
}

/**
 * The Vitest plugin of @steadfast/respawn: checks `.fixture()` processes before every test, kills
 * what crashed workers left, and prints the end-of-run summary of respawned and degraded files.
 *
 * @example
 * // vitest.config.ts
 * import respawn from '@steadfast/respawn/vitest'
 * export default defineConfig({ plugins: [respawn()] })
 *
 * @throws SteadfastConfigError at config load, naming a bad option, its value and the fix.
 */
export function respawn(options?: RespawnOptions): RespawnVitestPlugin {
  const resolved = resolveRespawnOptions(options)
  return {
    name: '@steadfast/respawn',
    setup,
    config(config) {
      const settings: RunSettings = {
        dir: runDirectory(config.root ?? process.cwd(), resolved.dir),
        runId: randomBytes(8).toString('hex'),
      }
      extendVitestConfig(config, {
        setupFile: setup.file,
        globalSetup: sibling('vitest-global-setup.js'),
        env: handToWorkers(PART, settings),
      })
    },
    configureVitest(context) {
      shareSetupFiles(context)
      followVitestRuns(context)
      // Under --merge-reports each file's respawns come back in its task meta.
      onMergedReports(context, META_KEY, (metas, root) => {
        report(
          runDirectory(root, resolved.dir),
          (metas as Array<RespawnRecord[] | undefined>).flatMap((m) => m ?? []),
        )
      })
    },
  }
}

/**
 * Registers the hooks of `definition` in this Vitest test file and returns its handle: started in
 * a `beforeAll` (your own `beforeAll` hooks after this call can use it), checked before every
 * test, stopped in `afterAll`. Takes Vitest's hooks
 * from the plugin's setup file, or from the globals (`globals: true`) without the plugin (then
 * there is no summary and no reaping at the end of the run).
 *
 * @throws Error when neither the plugin nor Vitest's globals are there.
 */
export function useProcess(definition: ProcessDefinition): ProcessHandle {
  // This module is also the plugin's, loaded by the config file, where importing `vitest` fails
  // (Vitest 3): the hooks come from the setup file, which does import it.
  const worker = workerState()
  const api = worker.vitestApi ?? globalHooks()
  if (!api) {
    throw new Error(
      "useProcess() from @steadfast/respawn/vitest needs the respawn() plugin in vitest.config (plugins: [respawn()]) or Vitest's globals (test.globals: true)",
    )
  }
  return useProcessWith(definition, {
    beforeAll: api.beforeAll,
    beforeEach: api.beforeEach,
    afterAll: api.afterAll,
    file: () => worker.currentFile ?? relative(worker.root, api.expect.getState().testPath ?? 'unknown file'),
    test: vitestTestInfo,
    announce: vitestAnnounce,
  })
}

function globalHooks(): VitestHooks | undefined {
  const { beforeAll, beforeEach, afterAll, expect } = globalThis as Partial<VitestHooks>
  return beforeAll && beforeEach && afterAll && expect
    ? { beforeAll, beforeEach, afterAll, expect }
    : undefined
}

/**
 * The fixtures of several definitions at once, for `test.extend`.
 *
 * @example
 * const test = base.extend(processFixtures({ api, redis }))
 */
export function processFixtures<T extends Record<string, ProcessDefinition>>(
  definitions: T,
): { [K in keyof T]: ProcessFixture<ProcessHandle> } {
  const result = {} as { [K in keyof T]: ProcessFixture<ProcessHandle> }
  for (const key of Object.keys(definitions) as Array<keyof T>) {
    result[key] = (definitions[key] as ProcessDefinition).fixture()
  }
  return result
}

export default respawn
