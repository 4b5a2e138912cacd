// Options checked without the schema library. Loading zod costs ≈ 260 M instructions (≈ 0.1 s),
// more than the rest of a plugin's set-up in the runner's main process, and most configs are plain
// values or nothing at all (docs/design/overhead.md). A shape is a JSON description of a part's
// schema, generated from the schema itself (describeSchema) and committed beside it; this reads it.
// It decides only what it can decide exactly as the schema would: a value it accepts resolves to
// what zod would return. Everything else (a bad value, whose message zod words, or anything the
// shape leaves opaque: refinements, RegExps, transforms) is `undecided` and goes to the schema.

/** A JSON description of an options schema: the subset of zod that can be checked without it. */
export type Shape =
  | { kind: 'string'; minLength?: number; maxLength?: number }
  | { kind: 'number'; int?: boolean; checks?: Array<{ op: '>' | '>=' | '<' | '<='; value: number }> }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: Array<string | number> }
  | { kind: 'literal'; values: Array<string | number | boolean | null> }
  | { kind: 'array'; element: Shape }
  | { kind: 'record'; key: Shape; value: Shape }
  | {
      kind: 'object'
      fields: { [key: string]: Shape }
      unknownKeys: 'strict' | 'strip' | 'passthrough'
      /** At least one of these keys must be given (a rule that must say what it matches). */
      requireOneOf?: string[]
    }
  /** A RegExp (`z.instanceof(RegExp)`), as the value itself. */
  | { kind: 'regexp' }
  | { kind: 'optional'; inner: Shape }
  | { kind: 'default'; inner: Shape; value: unknown }
  | { kind: 'union'; options: Shape[] }
  /** Anything else: a value here is for the schema to judge. */
  | { kind: 'opaque' }

/** What a shape made of a value: resolved, or left to the schema. */
export type ShapeResult = { ok: true; value: unknown } | { ok: false }

const UNDECIDED: ShapeResult = { ok: false }
const ok = (value: unknown): ShapeResult => ({ ok: true, value })

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** A default as the schema returns it: a fresh copy of the JSON the shape holds. */
const copy = (value: unknown): unknown =>
  value === undefined ? undefined : JSON.parse(JSON.stringify(value))

/**
 * Checks `value` against `shape`: the resolved value (defaults applied, unknown keys stripped where
 * the schema strips them) when it is certainly valid, else `{ ok: false }`.
 */
export function checkShape(shape: Shape, value: unknown): ShapeResult {
  switch (shape.kind) {
    case 'optional':
      return value === undefined ? ok(undefined) : checkShape(shape.inner, value)
    case 'default':
      return value === undefined ? ok(copy(shape.value)) : checkShape(shape.inner, value)
    case 'string':
      return typeof value === 'string' &&
        value.length >= (shape.minLength ?? 0) &&
        value.length <= (shape.maxLength ?? Number.POSITIVE_INFINITY)
        ? ok(value)
        : UNDECIDED
    case 'number':
      return typeof value === 'number' &&
        Number.isFinite(value) &&
        (!shape.int || Number.isSafeInteger(value)) &&
        (shape.checks ?? []).every(({ op, value: bound }) =>
          op === '>'
            ? value > bound
            : op === '>='
              ? value >= bound
              : op === '<'
                ? value < bound
                : value <= bound,
        )
        ? ok(value)
        : UNDECIDED
    case 'boolean':
      return typeof value === 'boolean' ? ok(value) : UNDECIDED
    case 'regexp':
      return value instanceof RegExp ? ok(value) : UNDECIDED
    case 'enum':
    case 'literal':
      return (shape.values as unknown[]).includes(value) ? ok(value) : UNDECIDED
    case 'array': {
      if (!Array.isArray(value)) return UNDECIDED
      const out: unknown[] = []
      for (const element of value) {
        const result = checkShape(shape.element, element)
        if (!result.ok) return UNDECIDED
        out.push(result.value)
      }
      return ok(out)
    }
    case 'record': {
      if (!isPlainObject(value)) return UNDECIDED
      const out: Record<string, unknown> = {}
      for (const [key, entry] of Object.entries(value)) {
        const k = checkShape(shape.key, key)
        const v = checkShape(shape.value, entry)
        if (!k.ok || !v.ok || v.value === undefined) return UNDECIDED
        out[key] = v.value
      }
      return ok(out)
    }
    case 'object':
      return checkObject(shape, value)
    case 'union':
      // The schema takes the first option that fits; an option this cannot judge may be that one.
      for (const option of shape.options) {
        const result = checkShape(option, value)
        if (result.ok) return result
        if (!certainlyNot(option, value)) return UNDECIDED
      }
      return UNDECIDED
    default:
      return UNDECIDED
  }
}

function checkObject(shape: Extract<Shape, { kind: 'object' }>, value: unknown): ShapeResult {
  if (!isPlainObject(value)) return UNDECIDED
  const out: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(shape.fields)) {
    const given = value[key]
    // A key given as undefined: the schema's output differs by kind; left to it.
    if (given === undefined && Object.hasOwn(value, key)) return UNDECIDED
    const result = checkShape(field, given)
    if (!result.ok) return UNDECIDED
    if (result.value !== undefined) out[key] = result.value
  }
  for (const key of Object.keys(value)) {
    if (Object.hasOwn(shape.fields, key)) continue
    if (shape.unknownKeys === 'strict') return UNDECIDED
    if (shape.unknownKeys === 'passthrough') out[key] = value[key]
  }
  // The schema's message names the keys: left to it.
  if (shape.requireOneOf && !shape.requireOneOf.some((key) => out[key] !== undefined)) return UNDECIDED
  return ok(out)
}

/**
 * Whether `value` can never fit `shape`, judged by its type alone: a union passes over such an
 * option to the next, where any other failure leaves the choice to the schema.
 */
function certainlyNot(shape: Shape, value: unknown): boolean {
  switch (shape.kind) {
    case 'string':
      return typeof value !== 'string'
    case 'number':
      return typeof value !== 'number'
    case 'boolean':
      return typeof value !== 'boolean'
    case 'regexp':
      return !(value instanceof RegExp)
    case 'enum':
    case 'literal':
      return !(shape.values as unknown[]).includes(value)
    case 'array':
      return !Array.isArray(value)
    case 'record':
    case 'object':
      return typeof value !== 'object' || value === null || Array.isArray(value)
    case 'optional':
    case 'default':
      return value !== undefined && certainlyNot(shape.inner, value)
    case 'union':
      return shape.options.every((option) => certainlyNot(option, value))
    default:
      return false
  }
}

/** What a schema says of itself where zod's definition cannot: read by describeSchema. */
export type ShapeHint = { kind: 'regexp' } | { requireOneOf: string[] }

const HINT = Symbol.for('steadfast.core.shapeHint')

/**
 * Marks `schema` with what its shape is where describeSchema cannot read it from zod: a
 * `z.instanceof(RegExp)` (`{ kind: 'regexp' }`), or a strict object whose one refinement asks for
 * at least one of some keys (`{ requireOneOf: [...] }`). The test that generates the shapes holds
 * the hint to the schema: every value the shape then accepts must resolve as the schema resolves it.
 */
export function withShape<T extends object>(schema: T, hint: ShapeHint): T {
  return Object.assign(schema, { [HINT]: hint })
}

/** The hint `withShape` put on `schema`, if any. */
export function shapeHintOf(schema: unknown): ShapeHint | undefined {
  return (schema as { [HINT]?: ShapeHint } | undefined)?.[HINT]
}
