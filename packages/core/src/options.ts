import type { z } from 'zod'
import { describeValue } from './describeValue.js'
import { SteadfastError } from './errors.js'

const CODE = 'STEADFAST_CONFIG'

/** A plugin was given an option it cannot use. Thrown at config load, before any test runs. */
export class SteadfastConfigError extends SteadfastError {
  /** Every problem found, each naming the option path, the bad value and what was expected. */
  readonly problems: string[]

  constructor(plugin: string, problems: string[]) {
    super(
      CODE,
      `Invalid ${plugin} options:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        `Fix the options passed to ${plugin} (or the STEADFAST_* environment variables named above).`,
    )
    this.name = 'SteadfastConfigError'
    this.problems = problems
  }
}

/** Where a value came from, for messages: the options object or an environment variable. */
type Origin = Map<string, string>

/**
 * Validates `input` with `schema` and returns the resolved options (defaults applied).
 * `STEADFAST_<PLUGIN>_<OPTION>` environment variables override top-level options of the schema.
 *
 * @throws SteadfastConfigError naming each bad option path, its value and what was expected.
 */
export function parseOptions<S extends z.ZodType>(
  plugin: string,
  schema: S,
  input: unknown,
  env: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input))) {
    throw new SteadfastConfigError(plugin, [`expected an options object, got ${describeValue(input)}`])
  }
  const origin: Origin = new Map()
  const merged = applyEnv(plugin, schema, { ...(input as object | undefined) }, env, origin)
  const result = schema.safeParse(merged)
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => describeIssue(plugin, issue, merged, origin))
  throw new SteadfastConfigError(plugin, problems)
}

function applyEnv(
  plugin: string,
  schema: z.ZodType,
  input: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  origin: Origin,
): Record<string, unknown> {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape
  if (!shape) return input
  const prefix = `STEADFAST_${envName(plugin)}_`
  for (const key of Object.keys(shape)) {
    const name = `${prefix}${envName(key)}`
    const raw = env[name]
    if (raw === undefined || raw === '') continue
    input[key] = parseEnvValue(raw, shape[key])
    origin.set(key, name)
  }
  return input
}

function envName(name: string): string {
  return name
    .replace(/^@steadfast\//, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase()
}

type ZodDef = { type?: string; innerType?: unknown; in?: unknown }

/** The kind of value an option takes, under its default/optional wrappers (zod's own def). */
function kindOf(field: unknown): string | undefined {
  let def = (field as { _zod?: { def?: ZodDef } } | undefined)?._zod?.def
  for (let depth = 0; def && depth < 8; depth++) {
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined)
    if (inner === undefined) return def.type
    def = (inner as { _zod?: { def?: ZodDef } })._zod?.def
  }
  return def?.type
}

/**
 * An environment variable's text as the option's type wants it: `STEADFAST_X_DIR=2024` stays the
 * string "2024", `…_MAX_TOTAL=12` becomes 12, `…_FLAG=1` true. Text that does not fit is passed
 * as it is, so the schema names it in its message.
 */
function parseEnvValue(raw: string, field: unknown): unknown {
  const number = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : undefined
  switch (kindOf(field)) {
    case 'string':
    case 'enum':
    case 'literal':
      return raw
    case 'number':
    case 'int':
      return number ?? raw
    case 'boolean':
      return raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw
    case 'array':
    case 'object':
    case 'record':
      try {
        return JSON.parse(raw)
      } catch {
        return raw
      }
    default:
      // A union or anything else: read it by its look.
      if (raw === 'true' || raw === 'false') return raw === 'true'
      return number ?? raw
  }
}

function describeIssue(plugin: string, issue: z.core.$ZodIssue, input: unknown, origin: Origin): string {
  const path = issue.path.map(String)
  const where = `${plugin} option "${path.join('.') || '(root)'}"`
  const source = path.length > 0 && origin.has(path[0] ?? '') ? ` (from ${origin.get(path[0] ?? '')})` : ''
  const value = valueAt(input, path)
  switch (issue.code) {
    case 'invalid_value':
      return `${where}${source}: expected one of ${issue.values.map(describeValue).join(' | ')}, got ${describeValue(value.value)}`
    case 'invalid_type':
      return value.present
        ? `${where}${source}: expected ${issue.expected}, got ${describeValue(value.value)}`
        : `${where}: is required (expected ${issue.expected})`
    case 'unrecognized_keys':
      return `${where}: unknown ${issue.keys.length === 1 ? 'option' : 'options'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
    default:
      return `${where}${source}: ${issue.message}, got ${describeValue(value.value)}`
  }
}

function valueAt(input: unknown, path: string[]): { present: boolean; value: unknown } {
  let current: unknown = input
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !(key in current))
      return { present: false, value: undefined }
    current = (current as Record<string, unknown>)[key]
  }
  return { present: true, value: current }
}
