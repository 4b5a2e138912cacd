// The run-wide settings a gate reads: the mode and its defaults, the machine factor override and
// the run directory. Plugins validate them once and hand them to the workers as JSON; the library
// API reads the environment when nothing was handed over.
import { runDirectory } from '@steadfast/core'

/** Settings shared by every gate of a run. */
export interface PerfSettings {
  /** `STRICT_PERF=1`: the nightly mode. */
  strict: boolean
  /** Margin of every gate unless a gate sets its own; undefined: the mode's (5 % PR, 2 % strict). */
  margin?: number | undefined
  /** Rounds of every gate unless a gate sets its own; undefined: the mode's (30 PR, up to 200 strict). */
  rounds?: number | undefined
  /** ms per arm per round; undefined: 10. */
  time?: number | undefined
  /** Fixed machine factor for absolute budgets (`STEADFAST_PERF_FACTOR`); undefined: calibrate. */
  machineFactor?: number | undefined
  /** The run directory (the lock and the artifacts). */
  dir: string
}

/** The environment variable that carries the plugin's validated settings into the workers. */
export const SETTINGS_ENV = 'STEADFAST_PERF_CONFIG'

/** `STRICT_PERF` as a switch: 1/true/yes turn strict mode on. */
export function strictFromEnv(env: NodeJS.ProcessEnv = process.env): boolean | undefined {
  const raw = env.STRICT_PERF
  if (raw === undefined || raw === '') return undefined
  return /^(1|true|yes|on)$/i.test(raw.trim())
}

/** `STEADFAST_PERF_FACTOR` as a number, when set to a positive one. */
export function factorFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.STEADFAST_PERF_FACTOR
  if (raw === undefined || raw === '') return undefined
  const value = Number(raw)
  return Number.isFinite(value) && value > 0 ? value : undefined
}

/** The settings handed over by a plugin, or else those of the environment. */
export function currentSettings(env: NodeJS.ProcessEnv = process.env): PerfSettings {
  const json = env[SETTINGS_ENV]
  if (json) {
    try {
      return JSON.parse(json) as PerfSettings
    } catch {
      // A hand-edited variable: fall back to the environment rather than fail every gate.
    }
  }
  return {
    strict: strictFromEnv(env) ?? false,
    machineFactor: factorFromEnv(env),
    dir: runDirectory(),
  }
}
