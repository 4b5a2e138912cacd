import { randomBytes } from 'node:crypto'
import { relative } from 'node:path'
import { runDirectory } from '@steadfast/core'
import { afterAll, beforeEach, expect } from 'vitest'
import { sibling } from './_here.js'
import { useProcessWith } from './_hooks.js'
import { vitestAnnounce, vitestTestInfo } from './_vitestContext.js'
import { RUN_ENV, type RunSettings, workerState } from './_worker.js'
import type { ProcessDefinition, ProcessFixture } from './defineProcess.js'
import type { ProcessHandle } from './handle.js'
import { type RespawnOptions, resolveRespawnOptions } from './pluginOptions.js'

/** The part of a Vite plugin this one uses (typed here so the package needs no Vite types). */
export interface RespawnVitestPlugin {
  name: string
  config: (config: { test?: VitestTestConfig; root?: string }) => void
}

interface VitestTestConfig {
  setupFiles?: string | string[]
  globalSetup?: string | string[]
  env?: Record<string, string>
}

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value]

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
    config(config) {
      config.test ??= {}
      config.test.setupFiles = [sibling('vitest-setup.js'), ...asList(config.test.setupFiles)]
      config.test.globalSetup = [...asList(config.test.globalSetup), sibling('vitest-global-setup.js')]
      const settings: RunSettings = {
        dir: runDirectory(config.root ?? process.cwd(), resolved.dir),
        runId: randomBytes(8).toString('hex'),
      }
      const json = JSON.stringify(settings)
      config.test.env = { ...config.test.env, [RUN_ENV]: json }
      // The global setup runs in this (the main) process, where `test.env` does not reach.
      process.env[RUN_ENV] = json
    },
  }
}

/**
 * Registers the hooks of `definition` in this Vitest test file and returns its handle: started in
 * the first `beforeEach`, checked in every later one, stopped in `afterAll`. For files that do not
 * use fixtures; works without the plugin (then with no summary and no reaping at the end).
 */
export function useProcess(definition: ProcessDefinition): ProcessHandle {
  return useProcessWith(definition, {
    beforeEach: beforeEach as never,
    afterAll: afterAll as never,
    file: () =>
      workerState().currentFile ?? relative(process.cwd(), expect.getState().testPath ?? 'unknown file'),
    test: vitestTestInfo,
    announce: vitestAnnounce,
  })
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
