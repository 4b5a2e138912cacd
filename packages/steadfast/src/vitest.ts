import { perf } from '@steadfast/perf/vitest'
import { rejections } from '@steadfast/rejections/vitest'
import { respawn } from '@steadfast/respawn/vitest'
import { warnings } from '@steadfast/warnings/vitest'
import { resolveSteadfastOptions, type SteadfastOptions } from './options.js'

/** A Vite plugin of one of the parts (typed here so the package needs no Vite types). */
export type SteadfastVitestPlugin =
  | ReturnType<typeof rejections>
  | ReturnType<typeof warnings>
  | ReturnType<typeof respawn>
  | ReturnType<typeof perf>

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
  const parts = resolveSteadfastOptions(options)
  const plugins: SteadfastVitestPlugin[] = []
  // Warnings first: its capture is on before the others' setup files can warn.
  if (parts.warnings !== false) plugins.push(warnings(parts.warnings))
  if (parts.rejections !== false) plugins.push(rejections(parts.rejections))
  if (parts.respawn !== false) plugins.push(respawn(parts.respawn))
  if (parts.perf !== false) plugins.push(perf(parts.perf))
  return plugins
}

export default steadfast
