import { sibling } from './_here.js'
import { OPTIONS_ENV, serializeOptions } from './_optionsJson.js'
import { type RejectionsOptions, resolveRejectionsOptions } from './options.js'

/** The part of a Vite plugin this one uses (typed here so the package needs no Vite types). */
export interface RejectionsVitestPlugin {
  name: string
  config: (config: { test?: VitestTestConfig }) => void
}

interface VitestTestConfig {
  setupFiles?: string | string[]
  globalSetup?: string | string[]
  env?: Record<string, string>
}

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value]

/**
 * The Vitest plugin of @steadfast/rejections: every unhandled rejection and uncaught exception
 * fails the test whose async context created it (or its file, when it surfaces late).
 *
 * @example
 * // vitest.config.ts
 * import rejections from '@steadfast/rejections/vitest'
 * export default defineConfig({ plugins: [rejections({ mode: 'fail' })] })
 *
 * @throws SteadfastConfigError at config load, naming a bad option, its value and the fix.
 */
export function rejections(options?: RejectionsOptions): RejectionsVitestPlugin {
  const resolved = resolveRejectionsOptions(options)
  return {
    name: '@steadfast/rejections',
    config(config) {
      config.test ??= {}
      // First, so its beforeEach runs before every other and its afterEach after every other.
      config.test.setupFiles = [sibling('vitest-setup.js'), ...asList(config.test.setupFiles)]
      config.test.globalSetup = [...asList(config.test.globalSetup), sibling('vitest-global-setup.js')]
      const serialized = serializeOptions(resolved)
      config.test.env = { ...config.test.env, [OPTIONS_ENV]: serialized }
      // The global setup runs in this (the main) process, where `test.env` does not reach.
      process.env[OPTIONS_ENV] = serialized
    },
  }
}

export default rejections
