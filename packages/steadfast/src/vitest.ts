import {
  extendVitestConfig,
  firstForVitest,
  foldSetupFiles,
  followVitestRuns,
  readSharedConfigFile,
  recordRunOutcome,
  runDirectory,
  shareSetupFiles,
  type VitestConfigLike,
  type VitestContextLike,
  type VitestPartSetup,
} from '@steadfast/core'
import { perf } from '@steadfast/perf/vitest'
import { rejections } from '@steadfast/rejections/vitest'
import { respawn } from '@steadfast/respawn/vitest'
import { warnings } from '@steadfast/warnings/vitest'
import { type PartKey, sibling, VITEST_SETUP_FILE } from './_parts.js'
import { type VitestModuleLike, vitestRunOutcome } from './_runOutcome.js'
import { resolveSteadfastOptions, type SteadfastOptions } from './options.js'
import { finishCombinedReport, PARTS_ENV, startCombinedReport } from './report.js'

/** A Vite plugin of one of the parts (typed here so the package needs no Vite types). */
export type SteadfastVitestPlugin = PartPlugin | ReportPlugin

type PartPlugin =
  | ReturnType<typeof rejections>
  | ReturnType<typeof warnings>
  | ReturnType<typeof respawn>
  | ReturnType<typeof perf>

/** The umbrella's own plugin: the combined end-of-run report. */
export interface ReportPlugin {
  name: string
  config: (config: VitestConfigLike) => void
  configureVitest: (context: VitestContextLike) => void
}

/**
 * The whole suite as Vitest plugins: every package on with its defaults, unless configured or
 * turned off (`{ rejections: false }`). All options are validated together when the config loads.
 *
 * @example
 * // vitest.config.ts
 * import { defineConfig } from 'vitest/config'
 * import steadfast from 'steadfast/vitest'
 * export default defineConfig({ plugins: [steadfast({ rejections: { leaks: 'fail' } })] })
 *
 * @throws SteadfastConfigError naming the path of a bad option (`rejections.leaks`), its value and the fix.
 */
export function steadfast(options?: SteadfastOptions): SteadfastVitestPlugin[] {
  const parts = resolveSteadfastOptions(
    options ?? (readSharedConfigFile(process.cwd()) as SteadfastOptions | undefined),
  )
  const plugins: PartPlugin[] = []
  // Warnings first: its capture is on before the others' setup files can warn.
  if (parts.warnings !== false) plugins.push(warnings(parts.warnings))
  if (parts.rejections !== false) plugins.push(rejections(parts.rejections))
  if (parts.respawn !== false) plugins.push(respawn(parts.respawn))
  if (parts.perf !== false) plugins.push(perf(parts.perf))
  const on = (Object.keys(parts) as PartKey[]).filter((key) => parts[key] !== false)
  if (on.length === 0) return plugins
  return [
    ...plugins,
    combinedReport(
      on,
      plugins.map((plugin) => plugin.setup),
    ),
  ]
}

/**
 * Last of the plugins, so that under `--merge-reports` its reporter runs after the parts'; its
 * global setup goes first, so that its teardown runs after theirs.
 */
function combinedReport(parts: PartKey[], setups: VitestPartSetup[]): ReportPlugin {
  return {
    name: 'steadfast:report',
    config(config) {
      // Last of the plugins: the parts have added their setup files; one file installs them all.
      foldSetupFiles(config, setups, VITEST_SETUP_FILE)
      extendVitestConfig(config, {
        globalSetup: sibling('vitest-global-setup.js'),
        globalSetupFirst: true,
        env: { [PARTS_ENV]: parts.join(',') },
      })
    },
    configureVitest(context) {
      shareSetupFiles(context)
      followVitestRuns(context)
      // Once a run, however many projects load the plugin.
      if (!firstForVitest(context, 'steadfast:report')) return
      const root = context.vitest.config.root
      const report = { runner: 'Vitest' as const, dir: runDirectory(root), parts }
      startCombinedReport(report)
      const merging = Boolean(context.vitest.config.mergeReports)
      context.vitest.config.reporters.push({
        onTestRunEnd(modules: readonly VitestModuleLike[], errors: readonly unknown[], reason?: string) {
          const outcome = vitestRunOutcome(modules, errors, reason, VITEST_SETUP_FILE)
          // A merge of shards runs no global setup: it ends in the reporters, the parts' first.
          if (merging) finishCombinedReport(report, outcome)
          // Else the report comes from the global teardown, after this: it needs to know.
          else recordRunOutcome(outcome)
        },
      })
    },
  }
}

export default steadfast
