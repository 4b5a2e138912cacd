import { defineOptions } from '@steadfast/core'
import type { PerfOptions } from '@steadfast/perf'
import type { RejectionsOptions } from '@steadfast/rejections'
import type { RespawnOptions } from '@steadfast/respawn'
import type { WarningsOptions } from '@steadfast/warnings'
import { PARTS, type PartKey } from './_parts.js'

/**
 * Options of the whole suite: one key per package, each its own options object, or `false` to turn
 * that package off. A package left out is on with its defaults.
 */
export interface SteadfastOptions {
  /**
   * @steadfast/rejections: unhandled rejections and uncaught exceptions fail the test that caused
   * them; leaks and hangs are explained. See its options in docs/rejections.md.
   * @default {} (on, with its defaults)
   */
  rejections?: RejectionsOptions | false
  /**
   * @steadfast/warnings: warning floods deduped, ranked, checked against rules, budgets and a
   * baseline. See its options in docs/warnings.md.
   * @default {} (on, with its defaults)
   */
  warnings?: WarningsOptions | false
  /**
   * @steadfast/respawn: reaps the processes of crashed workers and summarises respawned and degraded
   * files; the processes themselves come from `defineProcess` and `.fixture()`/`useProcess` in your
   * tests. See docs/respawn.md.
   * @default {} (on, with its defaults)
   */
  respawn?: RespawnOptions | false
  /**
   * @steadfast/perf: `await expect(fn).toBeFasterThan(other | ms)` (and `toRunFasterThan`), with
   * the end-of-run table and reports. See docs/perf.md.
   * @default {} (on, with its defaults)
   */
  perf?: PerfOptions | false
}

/** A part's options as its definition resolves them: validated, defaults and overrides applied. */
type Resolved<K extends PartKey> = (typeof PARTS)[K]['options'] extends { resolve(...args: never[]): infer R }
  ? R
  : never

/** What each part gets: its options resolved once, here, or `false` when it is off. */
export type ResolvedParts = { [K in PartKey]: Resolved<K> | false }

/**
 * The parts' options together, each optional: checked against the parts' shapes, and against their
 * schemas (zod loaded) only when a shape cannot decide.
 */
const suiteOptions = defineOptions(
  'steadfast',
  {
    kind: 'object',
    unknownKeys: 'strict',
    fields: Object.fromEntries(
      Object.values(PARTS).map((part) => [part.key, { kind: 'optional', inner: part.options.shape }]),
    ),
  },
  (z) =>
    z
      .object(
        Object.fromEntries(Object.values(PARTS).map((part) => [part.key, part.options.schema().optional()])),
      )
      .strict(),
)

/**
 * Validates the options of every part together, so a mistake anywhere is reported with its full
 * path (`rejections.leaks`), before any test runs.
 *
 * @throws SteadfastConfigError naming each bad option's path, its value and what was expected.
 */
export function resolveSteadfastOptions(options?: SteadfastOptions): ResolvedParts {
  const input: Record<string, unknown> = { ...(options as Record<string, unknown> | undefined) }
  // `false` turns a part off: it is not an options object, so it is taken out before the schema.
  const off = new Set(Object.keys(input).filter((key) => input[key] === false))
  for (const key of off) delete input[key]
  // The whole first, for the full path of a mistake (`rejections.leaks`) and a misspelt part; then
  // each part by its own definition, which adds its STEADFAST_<PART>_<OPTION> overrides and marks
  // the result, so the part's plugin or reporter takes it as it is.
  suiteOptions.resolve(options === undefined ? undefined : input, {})
  const parts = {} as Record<string, unknown>
  for (const part of Object.values(PARTS))
    parts[part.key] = off.has(part.key) ? false : part.options.resolve(input[part.key])
  return parts as ResolvedParts
}
