import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { z } from 'zod'
import { codeDirOf } from './codeDir.js'
import { describeValue } from './describeValue.js'
import { SteadfastError } from './errors.js'
import { checkShape, type Shape } from './optionsShape.js'

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

/** The zod module, which every options schema is built with. */
export type Zod = typeof z

let zodModule: Zod | undefined
/** zod, loaded on first use: most configs never need it (see optionsShape.ts). */
function loadZod(): Zod {
  zodModule ??= (createRequire(join(codeDirOf(new Error()), 'index.js'))('zod') as { z: Zod }).z
  return zodModule
}

/** A part's options: checked against their shape, and against the schema only when that cannot decide. */
export interface OptionsDefinition<S extends z.ZodType> {
  /** The plugin's name in messages (`@steadfast/rejections`). */
  readonly plugin: string
  /** The schema's shape, generated from it (describeSchema) and committed beside it. */
  readonly shape: Shape
  /** The schema, built (and zod loaded) on the first call. */
  schema(): S
  /**
   * Validates options (and `STEADFAST_<PLUGIN>_<OPTION>` overrides) and returns them resolved.
   * @throws SteadfastConfigError naming each bad option path, its value and what was expected.
   */
  resolve(input: unknown, env?: NodeJS.ProcessEnv): z.output<S>
}

/**
 * A part's options, resolved without loading zod whenever the shape can decide: no options, or
 * plain values that fit. A bad value, an environment override or anything the shape leaves to the
 * schema (a RegExp, a refined rule) is judged by the schema, which names what is wrong.
 *
 * `ownVariables` adds a part's environment variables that are not `STEADFAST_<PART>_<OPTION>`
 * (perf's `STRICT_PERF`) to a copy of the options, before those.
 *
 * @example
 * export const rejectionsOptions = defineOptions('@steadfast/rejections', shape, (z) =>
 *   z.object({ leaks: z.enum(['off', 'warn', 'fail']).default('warn') }).strict(),
 * )
 */
export function defineOptions<S extends z.ZodType>(
  plugin: string,
  shape: Shape,
  build: (zod: Zod) => S,
  ownVariables?: (options: Record<string, unknown>, env: NodeJS.ProcessEnv) => void,
): OptionsDefinition<S> {
  let schema: S | undefined
  const definition: OptionsDefinition<S> = {
    plugin,
    shape,
    schema: () => {
      schema ??= build(loadZod())
      return schema
    },
    resolve(input, env = process.env) {
      if (resolvedBy(input) === plugin) return input as z.output<S>
      // A part's variables of its own (STRICT_PERF), before the STEADFAST_<PART>_<OPTION> ones.
      if (ownVariables && (input === undefined || isOptionsObject(input))) {
        const copy = { ...(input as object | undefined) } as Record<string, unknown>
        ownVariables(copy, env)
        input = copy
      }
      // Overrides are read by the shape too: zod costs a process ≈ 270 M instructions to load
      // (docs/design/overhead.md), and Jest's workers each resolve the options.
      const merged = withOverrides(plugin, shape, input, env)
      if (merged !== undefined) {
        const fast = checkShape(shape, merged)
        if (fast.ok) return markResolved(plugin, fast.value) as z.output<S>
      }
      return markResolved(plugin, parseOptions(plugin, definition.schema(), input, env))
    },
  }
  return definition
}

// Options resolved once are handed on as they are (the umbrella resolves every part's, then calls
// the part's plugin with them): the mark says by which part's definition, and is not enumerable, so
// it never reaches JSON or a comparison. Registry-wide, as every package has its own copy of core.
const RESOLVED = Symbol.for('steadfast.core.resolvedBy')

const isOptionsObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function resolvedBy(input: unknown): unknown {
  return typeof input === 'object' && input !== null
    ? (input as Record<symbol, unknown>)[RESOLVED]
    : undefined
}

function markResolved<T>(plugin: string, value: T): T {
  // A fresh object from the shape or the schema, never the caller's own.
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value))
    Object.defineProperty(value, RESOLVED, { value: plugin })
  return value
}

/**
 * The options as the shape checks them: `input` (or `{}`) with each `STEADFAST_<PLUGIN>_<OPTION>`
 * variable read as its option's shape wants it; undefined when a variable is set but `input` is not
 * an options object (the schema names that).
 */
function withOverrides(plugin: string, shape: Shape, input: unknown, env: NodeJS.ProcessEnv): unknown {
  let merged: Record<string, unknown> | undefined
  if (shape.kind === 'object')
    for (const [key, field] of Object.entries(shape.fields)) {
      const raw = env[overrideName(plugin, key)]
      if (raw === undefined || raw === '') continue
      if (!merged) {
        if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input)))
          return undefined
        merged = { ...(input as object | undefined) }
      }
      merged[key] = parseEnvText(raw, shapeKind(field))
    }
  return merged ?? input ?? {}
}

/** The kind of value a shape takes, under its optional and default wrappers. */
function shapeKind(shape: Shape): string {
  let current = shape
  while (current.kind === 'optional' || current.kind === 'default') current = current.inner
  return current.kind
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
  for (const key of Object.keys(shape)) {
    const name = overrideName(plugin, key)
    const raw = env[name]
    if (raw === undefined || raw === '') continue
    input[key] = parseEnvValue(raw, shape[key])
    origin.set(key, name)
  }
  return input
}

/** The variable that overrides a plugin's top-level option: `STEADFAST_<PLUGIN>_<OPTION>`. */
function overrideName(plugin: string, key: string): string {
  return `STEADFAST_${envName(plugin)}_${envName(key)}`
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
  return parseEnvText(raw, kindOf(field))
}

/** The same, by the kind's name (zod's, or the shape's: they name kinds alike). */
function parseEnvText(raw: string, kind: string | undefined): unknown {
  const number = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : undefined
  switch (kind) {
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
