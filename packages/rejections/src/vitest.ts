import {
  esmFileOf,
  extendVitestConfig,
  followVitestRuns,
  handToWorkers,
  onMergedReports,
  ROOT_ENV,
  runDirectory,
  shareSetupFiles,
  type VitestConfigLike,
  type VitestContextLike,
  type VitestPartSetup,
} from '@steadfast/core'
import { report } from './_endOfRun.js'
import { CODE_DIR, sibling } from './_here.js'
import { PART } from './_resolved.js'
import { type RejectionsOptions, resolveRejectionsOptions } from './options.js'
import { type LeakRecord, META_KEY, type RejectionRecord } from './report.js'

/** The part of a Vite plugin this one uses (typed here so the package needs no Vite types). */
export interface RejectionsVitestPlugin {
  name: string
  /** Its setup file and the runtime that file installs: the umbrella folds every part's into one. */
  setup: VitestPartSetup
  config: (config: VitestConfigLike) => void
  configureVitest: (context: VitestContextLike) => void
}

type FileMeta = { records?: RejectionRecord[]; leaks?: LeakRecord[] }

// Vitest's setup files are ES modules, also when this plugin was loaded from the CommonJS build.
const setup: VitestPartSetup = {
  file: esmFileOf(CODE_DIR, 'vitest-setup.js'),
  runtime: esmFileOf(CODE_DIR, 'vitest-runtime.js'),
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
    setup,
    config(config) {
      // First, so its beforeEach runs before every other and its afterEach after every other.
      extendVitestConfig(config, {
        setupFile: setup.file,
        globalSetup: sibling('vitest-global-setup.js'),
        env: handToWorkers(PART, resolved),
      })
    },
    configureVitest(context) {
      shareSetupFiles(context)
      followVitestRuns(context)
      // Workers start after this hook and inherit it: file names and the run directory are
      // relative to Vitest's root, wherever it was started from.
      process.env[ROOT_ENV] = context.vitest.config.root
      // Under --merge-reports each file's records come back in its task meta.
      onMergedReports(context, META_KEY, (metas, root) => {
        const files = metas as Array<FileMeta | undefined>
        report(
          runDirectory(root, resolved.dir),
          files.flatMap((m) => m?.records ?? []),
          files.flatMap((m) => m?.leaks ?? []),
        )
      })
    },
  }
}

export default rejections
