import { defineOptions, type Zod } from '@steadfast/core'
import type { z } from 'zod'
import { shape } from './_optionsShape.js'
import { factorFromEnv, strictFromEnv } from './settings.js'

function schema(z: Zod) {
  return z
    .object({
      strict: z.boolean().default(false),
      margin: z.number().min(0).lt(1).optional(),
      rounds: z.number().int().min(10).optional(),
      time: z.number().positive().optional(),
      machineFactor: z.number().positive().optional(),
      dir: z.string().optional(),
      html: z.boolean().default(true),
      bencher: z.boolean().default(true),
    })
    .strict()
}

/**
 * The options of @steadfast/perf, shared by the Vitest plugin and the Jest setup: the schema
 * (built with zod on first use) and its shape (`_optionsShape.ts`, generated from it).
 */
export const perfOptions = defineOptions('@steadfast/perf', shape, schema, (options, env) => {
  const strict = strictFromEnv(env)
  if (strict !== undefined) options.strict = strict
  const rawFactor = env.STEADFAST_PERF_FACTOR
  if (rawFactor !== undefined && rawFactor !== '') options.machineFactor = factorFromEnv(env) ?? rawFactor
})

/** Options of @steadfast/perf, for the Vitest plugin and the Jest setup alike. */
export interface PerfOptions {
  /**
   * Strict (nightly) mode: adaptive looks up to 200 rounds, margin 2 %, an unresolvable gate fails
   * as `UNSTABLE` and a limit more than 3× looser than measured as `LOOSE_LIMIT`.
   * @default false (env: STRICT_PERF=1)
   */
  strict?: boolean
  /**
   * Margin of every gate that does not set its own: the gate fails only beyond `limit × (1 + margin)`.
   * @default 0.05 (0.02 in strict mode)
   */
  margin?: number
  /**
   * Rounds of every gate that does not set its own (strict mode: the most rounds).
   * @default 30 (200 in strict mode)
   */
  rounds?: number
  /**
   * Milliseconds of samples per function per round.
   * @default 10
   */
  time?: number
  /**
   * A fixed machine factor for absolute budgets instead of the calibration workload measured with
   * each gate: 2 means this machine is 2× slower than the reference one.
   * @default measured with each gate (env: STEADFAST_PERF_FACTOR)
   */
  machineFactor?: number
  /**
   * Where the run's artifacts go, relative to the project root.
   * @default '.steadfast'
   */
  dir?: string
  /**
   * Write the HTML report (`perf.html`) at the end of the run.
   * @default true
   */
  html?: boolean
  /**
   * Write the Bencher Metric Format export (`perf-bmf.json`) at the end of the run.
   * @default true
   */
  bencher?: boolean
}

export type ResolvedPerfOptions = z.output<ReturnType<typeof schema>>

/**
 * Validates options; `STRICT_PERF`, `STEADFAST_PERF_FACTOR` and `STEADFAST_PERF_*` override them.
 *
 * @throws SteadfastConfigError naming the bad option, its value and the fix.
 */
export function resolvePerfOptions(
  input: PerfOptions | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedPerfOptions {
  return perfOptions.resolve(input, env)
}
