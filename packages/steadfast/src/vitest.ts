import { rejections } from '@steadfast/rejections/vitest'
import { resolveSteadfastOptions, type SteadfastOptions } from './options.js'

/** A Vite plugin of one of the parts (typed loosely so the package needs no Vite types). */
export type SteadfastVitestPlugin = ReturnType<typeof rejections>

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
  if (parts.rejections !== false) plugins.push(rejections(parts.rejections))
  return plugins
}

export default steadfast
