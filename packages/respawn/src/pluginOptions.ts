import { defineOptions } from '@steadfast/core'
import { shape } from './_pluginOptionsShape.js'

/** Options of the Vitest plugin and of the Jest reporter (steadfast.config.* `respawn` section). */
export interface RespawnOptions {
  /**
   * Where the run's artifacts, pid registry and port locks go, relative to the project root.
   * @default '.steadfast'
   */
  dir?: string
}

/**
 * The plugin's options: the schema (built with zod on first use) and its shape
 * (`_pluginOptionsShape.ts`, generated from it).
 */
export const respawnOptions = defineOptions('@steadfast/respawn', shape, (z) =>
  z.object({ dir: z.string().min(1).optional() }).strict(),
)

/** Validates the plugin options (and `STEADFAST_RESPAWN_DIR`); throws a SteadfastConfigError. */
export function resolveRespawnOptions(
  input: RespawnOptions | undefined,
  env: NodeJS.ProcessEnv = process.env,
): RespawnOptions {
  return respawnOptions.resolve(input, env)
}
