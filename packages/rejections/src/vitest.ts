import { extendVitestConfig, ROOT_ENV, runDirectory, type VitestConfigLike } from '@steadfast/core'
import { report } from './_endOfRun.js'
import { sibling } from './_here.js'
import { OPTIONS_ENV, serializeOptions } from './_optionsJson.js'
import { type RejectionsOptions, resolveRejectionsOptions } from './options.js'
import { type LeakRecord, META_KEY, type RejectionRecord } from './report.js'

/** The part of a Vite plugin this one uses (typed here so the package needs no Vite types). */
export interface RejectionsVitestPlugin {
  name: string
  config: (config: VitestConfigLike) => void
  configureVitest: (context: { vitest: { config: VitestResolvedConfig } }) => void
}

interface VitestResolvedConfig {
  root: string
  mergeReports?: string
  reporters: unknown[]
}

type FileMeta = { records?: RejectionRecord[]; leaks?: LeakRecord[] }
type TestModuleLike = { meta?: () => Record<string, unknown>; task?: { meta?: Record<string, unknown> } }

/**
 * `vitest --merge-reports` runs no test and no global setup: it replays the shards' blob reports.
 * Each file's records travel in its task meta; this reporter gathers them into the run's artifact
 * and summary, as the global teardown does after a run.
 */
function mergedReportsReporter(dir: string): { onTestRunEnd: (modules: readonly TestModuleLike[]) => void } {
  return {
    onTestRunEnd(modules) {
      const metas = modules.map((m) => (m.meta?.() ?? m.task?.meta)?.[META_KEY] as FileMeta | undefined)
      report(
        dir,
        metas.flatMap((m) => m?.records ?? []),
        metas.flatMap((m) => m?.leaks ?? []),
      )
    },
  }
}

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
      // First, so its beforeEach runs before every other and its afterEach after every other.
      extendVitestConfig(config, {
        setupFile: sibling('vitest-setup.js'),
        globalSetup: sibling('vitest-global-setup.js'),
        env: { [OPTIONS_ENV]: serializeOptions(resolved) },
      })
    },
    configureVitest({ vitest }) {
      // Workers start after this hook and inherit it: file names and the run directory are
      // relative to Vitest's root, wherever it was started from.
      process.env[ROOT_ENV] = vitest.config.root
      // Vitest builds its reporters from this list right after this hook.
      if (vitest.config.mergeReports)
        vitest.config.reporters.push(mergedReportsReporter(runDirectory(vitest.config.root, resolved.dir)))
    },
  }
}

export default rejections
