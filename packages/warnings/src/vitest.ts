import { encodeOptions } from '@steadfast/core'
import { sibling } from './_here.js'
import { startMainCapture } from './_main.js'
import { OPTIONS_ENV } from './_runtime.js'
import { resolveWarningsOptions, type WarningsOptions } from './options.js'

/** Set in the main process for the global setup: this run rewrites the baseline (Vitest's `-u`). */
export const UPDATE_ENV = 'STEADFAST_WARNINGS_VITEST_UPDATE'
/** Set in the main process for the global setup: this run is one shard of several. */
export const SHARD_ENV = 'STEADFAST_WARNINGS_VITEST_SHARD'

/** The part of a Vite plugin this one uses (typed here so the package needs no Vite types). */
export interface WarningsVitestPlugin {
  name: string
  config: (config: { test?: VitestTestConfig }) => void
  configureVitest: (context: { vitest: { config: { update?: unknown; shard?: unknown } } }) => void
}

interface VitestTestConfig {
  setupFiles?: string | string[]
  globalSetup?: string | string[]
  env?: Record<string, string>
}

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value]

/**
 * The Vitest plugin of @steadfast/warnings: every `process.emitWarning` and `console.warn` of the
 * run is counted by kind, printed once, checked against rules, budgets and the baseline, and
 * summarised at the end.
 *
 * @example
 * // vitest.config.ts
 * import warnings from '@steadfast/warnings/vitest'
 * export default defineConfig({ plugins: [warnings({ budget: { maxTotal: 100 } })] })
 *
 * @throws SteadfastConfigError at config load, naming a bad option, its value and the fix.
 */
export function warnings(options?: WarningsOptions): WarningsVitestPlugin {
  const resolved = resolveWarningsOptions(options)
  return {
    name: '@steadfast/warnings',
    config(config) {
      config.test ??= {}
      // First, so the capture is on before any other setup file can warn.
      config.test.setupFiles = [sibling('vitest-setup.js'), ...asList(config.test.setupFiles)]
      config.test.globalSetup = [...asList(config.test.globalSetup), sibling('vitest-global-setup.js')]
      const encoded = encodeOptions(resolved)
      config.test.env = { ...config.test.env, [OPTIONS_ENV]: encoded }
      // The global setup runs in this (the main) process, where `test.env` does not reach.
      process.env[OPTIONS_ENV] = encoded
    },
    configureVitest({ vitest }) {
      const { update, shard } = vitest.config
      if (update === true || update === 'all') process.env[UPDATE_ENV] = '1'
      else delete process.env[UPDATE_ENV]
      if (shard) process.env[SHARD_ENV] = '1'
      else delete process.env[SHARD_ENV]
      // Before any global setup runs, so the main process's warnings from those count too.
      startMainCapture()
    },
  }
}

export default warnings
