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
import { META_KEY } from './_meta.js'
import type { GateOptions } from './gateOptions.js'
import { type PerfOptions, resolvePerfOptions } from './options.js'
import type { GateRecord } from './record.js'
import { handedOf, PART } from './settings.js'

/** The part of a Vite plugin this one uses (typed here so the package needs no Vite types). */
export interface PerfVitestPlugin {
  name: string
  /** Its setup file and the runtime that file installs: the umbrella folds every part's into one. */
  setup: VitestPartSetup
  config: (config: VitestConfigLike) => void
  configureVitest: (context: VitestContextLike) => void
}

// Vitest's setup files are ES modules, also when this plugin was loaded from the CommonJS build.
const setup: VitestPartSetup = {
  file: esmFileOf(CODE_DIR, 'vitest-setup.js'),
  runtime: esmFileOf(CODE_DIR, 'vitest-runtime.js'),
}

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
  return {
    name: '@steadfast/perf',
    setup,
    config(config) {
      // Last: it only adds matchers, and needs no hook around the others.
      extendVitestConfig(config, {
        setupFile: setup.file,
        setupFileLast: true,
        globalSetup: sibling('vitest-global-setup.js'),
        env: handToWorkers(PART, handedOf(resolved, config.root ?? process.cwd())),
      })
    },
    configureVitest(context) {
      shareSetupFiles(context)
      followVitestRuns(context)
      // `--merge-reports` runs no test: the shards' gates come back in each file's task meta.
      onMergedReports(context, META_KEY, (metas, root) => {
        const gates = (metas as Array<GateRecord[] | undefined>).flatMap((m) => m ?? [])
        report(runDirectory(root, resolved.dir), gates, { html: resolved.html, bencher: resolved.bencher })
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
