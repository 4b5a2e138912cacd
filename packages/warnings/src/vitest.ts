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
import { endOfRun, updateRequested } from './_endOfRun.js'
import { CODE_DIR, sibling } from './_here.js'
import { startMainCapture } from './_main.js'
import { PART } from './_resolved.js'
import { META_KEY } from './artifact.js'
import { type ResolvedWarningsOptions, resolveWarningsOptions, type WarningsOptions } from './options.js'
import { type StoreSnapshot, WarningStore } from './store.js'

/** Set in the main process for the global setup: this run rewrites the baseline (Vitest's `-u`). */
export const UPDATE_ENV = 'STEADFAST_WARNINGS_VITEST_UPDATE'
/** Set in the main process for the global setup: this run is one shard of several. */
export const SHARD_ENV = 'STEADFAST_WARNINGS_VITEST_SHARD'

/** The part of a Vite plugin this one uses (typed here so the package needs no Vite types). */
export interface WarningsVitestPlugin {
  name: string
  /** Its setup file and the runtime that file installs: the umbrella folds every part's into one. */
  setup: VitestPartSetup
  config: (config: VitestConfigLike) => void
  configureVitest: (
    context: VitestContextLike & { vitest: { config: { update?: unknown; shard?: unknown } } },
  ) => void
}

// Vitest's setup files are ES modules, also when this plugin was loaded from the CommonJS build.
const setup: VitestPartSetup = {
  file: esmFileOf(CODE_DIR, 'vitest-setup.js'),
  runtime: esmFileOf(CODE_DIR, 'vitest-runtime.js'),
}

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
    setup,
    config(config) {
      // First, so the capture is on before any other setup file can warn.
      extendVitestConfig(config, {
        setupFile: setup.file,
        globalSetup: sibling('vitest-global-setup.js'),
        env: handToWorkers(PART, resolved),
      })
    },
    configureVitest(context) {
      shareSetupFiles(context)
      followVitestRuns(context)
      const { vitest } = context
      const { update, shard } = vitest.config
      // Under --merge-reports each file's counts come back in its task meta: the whole run's
      // table, budgets and ratchet, as if it had run in one go.
      onMergedReports(context, META_KEY, (metas, root) =>
        mergedEndOfRun(
          metas as Array<StoreSnapshot | undefined>,
          root,
          resolved,
          update === true || update === 'all',
        ),
      )
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

function mergedEndOfRun(
  metas: Array<StoreSnapshot | undefined>,
  root: string,
  options: ResolvedWarningsOptions,
  update: boolean,
): void {
  const store = new WarningStore()
  for (const meta of metas) if (meta) store.merge(meta)
  const failures = endOfRun(store, [], {
    options,
    root,
    dir: runDirectory(root, options.dir),
    update: update || updateRequested(),
    shard: false,
    warn: (line) => console.error(line),
  })
  // Printed already; the merge exits 1 as the run would have.
  if (failures.length > 0) process.exitCode = 1
}
