// The run-wide settings a gate reads: the mode and its defaults, the machine factor override and
// the run directory. The plugin or the reporter resolves them once and hands them to the workers
// (core's handOff); the library API reads the environment when nothing was handed over.
import { handedTo, runDirectory } from '@steadfast/core'
import type { ResolvedPerfOptions } from './options.js'

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

/** The part's section in core's hand-off. */
export const PART = 'perf'

/** What the plugin or the reporter hands down: the gates' settings, and which reports to write. */
export interface PerfHanded {
  settings: PerfSettings
  /** Read by the end of the run, in the main process: the HTML page and Bencher's file. */
  reports: { html: boolean; bencher: boolean }
}

/** What the plugin or the reporter hands the workers, from resolved options, for the project at `root`. */
export function handedOf(options: ResolvedPerfOptions, root: string): PerfHanded {
  return {
    settings: {
      strict: options.strict,
      margin: options.margin,
      rounds: options.rounds,
      time: options.time,
      machineFactor: options.machineFactor,
      dir: runDirectory(root, options.dir),
    },
    reports: { html: options.html, bencher: options.bencher },
  }
}

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
  const handed = handedTo<PerfHanded>(PART, env)
  if (handed) return handed.settings
  return {
    strict: strictFromEnv(env) ?? false,
    machineFactor: factorFromEnv(env),
    dir: runDirectory(),
  }
}
