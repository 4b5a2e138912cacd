import { defineOptions, withShape, type Zod } from '@steadfast/core'
import type { z } from 'zod'
import { shape } from './_optionsShape.js'

function schema(z: Zod) {
  const pattern = z.union([z.string(), withShape(z.instanceof(RegExp), { kind: 'regexp' })])
  const ignoreRule = z.union([
    pattern,
    withShape(
      z
        .object({
          /** Matches the error's message: a substring, or a RegExp. */
          message: pattern.optional(),
          /** Matches the error's class name (`error.name` or its constructor's name) exactly. */
          name: z.string().optional(),
          /** Matches the file that created the error (first stack frame outside node_modules): a picomatch glob. */
          origin: z.string().optional(),
        })
        .strict()
        .refine(
          (rule) => rule.message !== undefined || rule.name !== undefined || rule.origin !== undefined,
          {
            message: 'an ignore rule needs at least one of message, name or origin',
          },
        ),
      { requireOneOf: ['message', 'name', 'origin'] },
    ),
  ])
  return z
    .object({
      mode: z.enum(['fail', 'warn']).default('fail'),
      ignore: z.array(ignoreRule).default([]),
      leaks: z.enum(['off', 'warn', 'fail']).default('warn'),
      leakScope: z.enum(['test', 'file']).default('test'),
      hangTimeout: z.number().int().nonnegative().default(3000),
      dir: z.string().optional(),
    })
    .strict()
}

/**
 * The options of @steadfast/rejections, shared by the Vitest plugin and the Jest setup: the schema
 * (built with zod on first use) and its shape (`_optionsShape.ts`, generated from it).
 */
export const rejectionsOptions = defineOptions('@steadfast/rejections', shape, schema)

/** Options of @steadfast/rejections, for the Vitest plugin and the Jest setup alike. */
export interface RejectionsOptions {
  /**
   * `fail`: an unhandled rejection or uncaught exception fails the test that caused it.
   * `warn`: it is printed and summarised, nothing fails.
   * @default 'fail'
   */
  mode?: 'fail' | 'warn'
  /**
   * Errors to let through: a message substring or RegExp, or `{ message, name, origin }` where
   * `name` is the error class name and `origin` a glob (picomatch) of the file that created it.
   * @default []
   */
  ignore?: Array<string | RegExp | { message?: string | RegExp; name?: string; origin?: string }>
  /**
   * What to do with handles (timers, sockets, servers, child processes, watchers) a test or file
   * created and left open: list them with their creation stack (`warn`), fail (`fail`), or nothing.
   * @default 'warn'
   */
  leaks?: 'off' | 'warn' | 'fail'
  /**
   * Check for leaks at the end of each test, or only at the end of each file.
   * @default 'test'
   */
  leakScope?: 'test' | 'file'
  /**
   * When the run has finished but the process does not exit, print what keeps it alive after this
   * many ms, then exit. 0 turns the report off.
   * @default 3000
   */
  hangTimeout?: number
  /**
   * Where the run's artifacts go, relative to the project root.
   * @default '.steadfast'
   */
  dir?: string
}

export type ResolvedRejectionsOptions = z.output<ReturnType<typeof schema>>

/** Validates options (and `STEADFAST_REJECTIONS_*` overrides); throws a SteadfastConfigError. */
export function resolveRejectionsOptions(
  input: RejectionsOptions | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedRejectionsOptions {
  return rejectionsOptions.resolve(input, env)
}
