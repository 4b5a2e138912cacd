import { runDirectory } from '@steadfast/core'
import { report } from './_endOfRun.js'
import { sibling } from './_here.js'
import { META_KEY, REPORTS_ENV } from './_meta.js'
import type { GateOptions } from './gateOptions.js'
import { type PerfOptions, resolvePerfOptions, settingsOf } from './options.js'
import type { GateRecord } from './record.js'
import { SETTINGS_ENV } from './settings.js'

/** The part of a Vite plugin this one uses (typed here so the package needs no Vite types). */
export interface PerfVitestPlugin {
  name: string
  config: (config: { root?: string; test?: VitestTestConfig }) => void
  configureVitest: (context: { vitest: { config: VitestResolvedConfig } }) => void
}

interface VitestTestConfig {
  setupFiles?: string | string[]
  globalSetup?: string | string[]
  env?: Record<string, string>
}

interface VitestResolvedConfig {
  root: string
  mergeReports?: string
  reporters: unknown[]
}

type TestModuleLike = { meta?: () => Record<string, unknown>; task?: { meta?: Record<string, unknown> } }

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value]

/**
 * The Vitest plugin of @steadfast/perf: registers `toBeFasterThan` / `toRunFasterThan` in every
 * worker, and writes the end-of-run table, `perf.json`, `perf.html` and `perf-bmf.json`.
 *
 * @example
 * // vitest.config.ts
 * import perf from '@steadfast/perf/vitest'
 * export default defineConfig({ plugins: [perf()] })
 *
 * @throws SteadfastConfigError at config load, naming a bad option, its value and the fix.
 */
export function perf(options?: PerfOptions): PerfVitestPlugin {
  const resolved = resolvePerfOptions(options)
  const switches = JSON.stringify({ html: resolved.html, bencher: resolved.bencher })
  let settingsJson = ''
  return {
    name: '@steadfast/perf',
    config(config) {
      config.test ??= {}
      config.test.setupFiles = [...asList(config.test.setupFiles), sibling('vitest-setup.js')]
      config.test.globalSetup = [...asList(config.test.globalSetup), sibling('vitest-global-setup.js')]
      settingsJson = JSON.stringify(settingsOf(resolved, config.root ?? process.cwd()))
      config.test.env = { ...config.test.env, [SETTINGS_ENV]: settingsJson }
      // The global setup runs in this (the main) process, where `test.env` does not reach.
      process.env[SETTINGS_ENV] = settingsJson
      process.env[REPORTS_ENV] = switches
    },
    configureVitest({ vitest }) {
      // `--merge-reports` runs no test: the shards' gates come back in each file's task meta.
      if (!vitest.config.mergeReports) return
      const dir = runDirectory(vitest.config.root, resolved.dir)
      vitest.config.reporters.push({
        onTestRunEnd(modules: readonly TestModuleLike[]) {
          const gates = modules.flatMap(
            (m) => ((m.meta?.() ?? m.task?.meta)?.[META_KEY] as GateRecord[] | undefined) ?? [],
          )
          report(dir, gates, { html: resolved.html, bencher: resolved.bencher })
        },
      })
    },
  }
}

export default perf

export type { GateOptions, PerfOptions }

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: every declaration of Assertion must repeat Vitest's own `T = any`
  interface Assertion<T = any> {
    /**
     * Passes when the received function is not slower than `other` × `factor` (or than `ms` per
     * call on the reference machine), decided on randomised interleaved rounds with a confidence
     * interval, a margin and a confirmed violation. The same matcher as `toBeFasterThan`, under a
     * name that type-checks on every Vitest version (Vitest ≥ 5 declares its own `toBeFasterThan`
     * for bench results, which keeps working).
     *
     * @example
     * await expect(() => parse(big)).toRunFasterThan(() => parseNaive(big), { factor: 0.5 })
     * await expect(() => parse(big)).toRunFasterThan(5) // 5 ms a call on the reference machine
     */
    toRunFasterThan(other: (() => unknown) | number, options?: GateOptions): Promise<void>
  }
}
