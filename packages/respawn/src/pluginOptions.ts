import { parseOptions } from '@steadfast/core'
import { z } from 'zod'

/** Options of the Vitest plugin and of the Jest reporter (steadfast.config.* `respawn` section). */
export interface RespawnOptions {
  /**
   * Where the run's artifacts, pid registry and port locks go, relative to the project root.
   * @default '.steadfast'
   */
  dir?: string
}

/** The schema of the plugin's options, for tools that validate them with others (the umbrella). */
export const respawnOptionsSchema = z.object({ dir: z.string().min(1).optional() }).strict()

/** Validates the plugin options (and `STEADFAST_RESPAWN_DIR`); throws a SteadfastConfigError. */
export function resolveRespawnOptions(
  input: RespawnOptions | undefined,
  env: NodeJS.ProcessEnv = process.env,
): RespawnOptions {
  return parseOptions('@steadfast/respawn', respawnOptionsSchema, input, env)
}
