// What the main process resolves once (each part's options, validated with their defaults, and the
// facts of the run its workers need) reaches the workers in one environment variable, which they
// inherit: one JSON object with a section per part, written by `handToWorkers` and read by
// `handedTo`, decoded once a process. Workers never validate what they are handed: the schema
// library stays in the main process.
import { SteadfastError } from './errors.js'
import { decodeOptions, encodeOptions } from './optionsJson.js'
import { realProcess } from './realProcess.js'

/** The one variable that carries every part's section from the main process to its workers. */
export const HANDED_ENV = 'STEADFAST_HANDED'

// Decoded once a process for each value the variable takes, and kept on Node's own process: each
// part's runtime is built with its own copy of core, and all of them read it.
const DECODED = Symbol.for('steadfast.core.handed')
type Decoded = { raw: string; sections: Record<string, unknown> }

/** Every section handed so far. */
function sections(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const raw = env[HANDED_ENV]
  if (!raw) return {}
  const holder = realProcess() as unknown as { [DECODED]?: Decoded }
  const kept = holder[DECODED]
  if (kept?.raw === raw) return kept.sections
  let value: unknown
  try {
    // The reviver only where a RegExp travels: most runs hand none.
    value = raw.includes('"$regexp"') ? decodeOptions(raw) : JSON.parse(raw)
  } catch (error) {
    throw corrupt(raw, (error as Error).message, error)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw corrupt(raw, 'not a JSON object')
  holder[DECODED] = { raw, sections: value as Record<string, unknown> }
  return value as Record<string, unknown>
}

function corrupt(raw: string, why: string, cause?: unknown): SteadfastError {
  const shown = raw.length > 80 ? `${raw.slice(0, 77)}...` : raw
  return new SteadfastError(
    'STEADFAST_HANDED',
    `${HANDED_ENV} is not what Steadfast's plugin or reporter writes (${why}): ${shown}. It is set by Steadfast in the runner's main process for its workers; unset it where you set it by hand.`,
    { cause },
  )
}

/**
 * Hands `value` to the workers as `part`'s section: sets it in this process's environment (the
 * workers, started later, inherit it) and returns the variable, for Vitest's `test.env`. Call it in
 * the main process, before the workers start; a section handed again replaces the last.
 */
export function handToWorkers(part: string, value: unknown): Record<string, string> {
  let current: Record<string, unknown>
  try {
    current = sections(process.env)
  } catch {
    // Not ours to keep: this process writes the variable its workers read.
    current = {}
  }
  const encoded = encodeOptions({ ...current, [part]: value })
  process.env[HANDED_ENV] = encoded
  return { [HANDED_ENV]: encoded }
}

/**
 * What the main process handed `part`, or undefined when nothing was (a part used without its
 * plugin or reporter, which then resolves its own).
 *
 * @throws SteadfastError (code STEADFAST_HANDED) when the variable is set but is not Steadfast's
 *   JSON, naming it and the fix.
 */
export function handedTo<T>(part: string, env: NodeJS.ProcessEnv = process.env): T | undefined {
  return sections(env)[part] as T | undefined
}

// In Jest the umbrella resolves every part's options as its config loads, and its reporter gives
// each part's reporter its own under this key, in the same process: registry-wide, as each
// package has its own copy of core, and a symbol, so no option a user writes can look like it.
const FROM_UMBRELLA = Symbol.for('steadfast.core.optionsFromUmbrella')

/** The options the umbrella's Jest reporter constructs a part's reporter with: its own, resolved. */
export function reporterOptionsFor(resolved: unknown): Record<symbol, unknown> {
  return { [FROM_UMBRELLA]: resolved }
}

/**
 * A part's resolved options as the umbrella's Jest reporter handed them to the part's reporter, or
 * undefined when the reporter was listed on its own (it then reads and resolves its own).
 */
export function optionsFromUmbrella<T>(reporterOptions: unknown): T | undefined {
  return typeof reporterOptions === 'object' && reporterOptions !== null
    ? ((reporterOptions as Record<symbol, unknown>)[FROM_UMBRELLA] as T | undefined)
    : undefined
}
