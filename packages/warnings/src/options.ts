import { defineOptions, withShape, type Zod } from '@steadfast/core'
import type { z } from 'zod'
import { shape } from './_optionsShape.js'

function schema(z: Zod) {
  const pattern = z.union([z.string().min(1), withShape(z.instanceof(RegExp), { kind: 'regexp' })])

  const rule = z.union([
    pattern,
    withShape(
      z
        .object({
          message: pattern.optional(),
          code: z.string().min(1).optional(),
          type: z.string().min(1).optional(),
          origin: z.string().min(1).optional(),
        })
        .strict()
        .refine(
          (r) =>
            r.message !== undefined || r.code !== undefined || r.type !== undefined || r.origin !== undefined,
          { message: 'a rule needs at least one of message, code, type or origin' },
        ),
      { requireOneOf: ['message', 'code', 'type', 'origin'] },
    ),
  ])

  const count = z.number().int().nonnegative()

  return z
    .object({
      console: z.enum(['warn', 'warn+error', 'off']).default('warn'),
      live: z.boolean().default(true),
      ignore: z.array(rule).default([]),
      error: z.array(rule).default([]),
      budget: z
        .object({
          maxTotal: count.optional(),
          maxPerKind: count.optional(),
          files: z.record(z.string().min(1), count).optional(),
        })
        .strict()
        .default({}),
      baseline: z.union([z.string().min(1), z.literal(false)]).default('steadfast.warnings.json'),
      onNewKind: z.enum(['fail', 'warn']).default('fail'),
      top: z.number().int().positive().default(20),
      dir: z.string().optional(),
    })
    .strict()
}

/**
 * The options of @steadfast/warnings, shared by the Vitest plugin and the Jest setup: the schema
 * (built with zod on first use) and its shape (`_optionsShape.ts`, generated from it).
 */
export const warningsOptions = defineOptions('@steadfast/warnings', shape, schema)

/**
 * What a rule matches. A bare string or RegExp is a message pattern. Every field given must match.
 * - `message`: a substring of the message; with `*` in it, a wildcard pattern over the whole
 *   message (`*` is any run of characters, `/` included); or a RegExp.
 * - `code`: the warning's code exactly (`DEP0005`).
 * - `type`: the warning's type exactly (`DeprecationWarning`, `ExperimentalWarning`,
 *   `MaxListenersExceededWarning`, a custom type, or `console.warn` / `console.error`).
 * - `origin`: a picomatch glob of its origin file relative to the project root (`src/legacy/**`),
 *   or of `node_modules/<package>/**` for a warning a package emitted.
 */
export type WarningRule =
  | string
  | RegExp
  | { message?: string | RegExp; code?: string; type?: string; origin?: string }

/** Options of @steadfast/warnings, for the Vitest plugin and the Jest setup alike. */
export interface WarningsOptions {
  /**
   * Which console calls count as warnings besides `process.emitWarning`: `console.warn`,
   * `console.warn` and `console.error`, or none.
   * @default 'warn'
   */
  console?: 'warn' | 'warn+error' | 'off'
  /**
   * Print the first occurrence of each kind of warning, with its origin, as it happens.
   * @default true
   */
  live?: boolean
  /**
   * Warnings to drop: not printed, not counted in kinds, budgets or the baseline (only in the
   * "ignored" total).
   * @default []
   */
  ignore?: WarningRule[]
  /**
   * Warnings that fail the test that emitted them (or its file, when no test was running), naming
   * the warning and its origin.
   * @default []
   */
  error?: WarningRule[]
  /**
   * Limits that fail the run when exceeded, with a table of what exceeded them. `files` maps a
   * picomatch glob of test files to the most warnings those files together may emit.
   * @default {}
   */
  budget?: { maxTotal?: number; maxPerKind?: number; files?: Record<string, number> }
  /**
   * The committed file of known warning kinds (relative to the project root), or `false` for no
   * ratchet. A missing file turns the ratchet off until `STEADFAST_UPDATE=1` (or Vitest's `-u`)
   * writes it.
   * @default 'steadfast.warnings.json'
   */
  baseline?: string | false
  /**
   * What a kind that is not in the baseline does: fail the run, or only be reported.
   * @default 'fail'
   */
  onNewKind?: 'fail' | 'warn'
  /**
   * How many kinds the end-of-run table shows (the artifact keeps them all).
   * @default 20
   */
  top?: number
  /**
   * Where the run's artifacts go, relative to the project root.
   * @default '.steadfast'
   */
  dir?: string
}

export type ResolvedWarningsOptions = z.output<ReturnType<typeof schema>>

/** Validates options (and `STEADFAST_WARNINGS_*` overrides); throws a SteadfastConfigError. */
export function resolveWarningsOptions(
  input: WarningsOptions | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedWarningsOptions {
  return warningsOptions.resolve(input, env)
}
