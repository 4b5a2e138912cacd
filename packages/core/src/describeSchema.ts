import type { z } from 'zod'
import { type Shape, shapeHintOf } from './optionsShape.js'

// zod 4 keeps a schema's definition in `_zod.def`: its type, inner schemas and checks.
type Def = {
  type?: string
  checks?: Array<{ _zod?: { def?: CheckDef } }>
  innerType?: Schema
  defaultValue?: unknown
  entries?: Record<string, string | number>
  values?: unknown[]
  element?: Schema
  keyType?: Schema
  valueType?: Schema
  shape?: Record<string, Schema>
  catchall?: Schema
  options?: Schema[]
}
type CheckDef = {
  check?: string
  format?: string
  value?: unknown
  inclusive?: boolean
  minimum?: number
  maximum?: number
}
type Schema = { _zod?: { def?: Def } }

const OPAQUE: Shape = { kind: 'opaque' }

/** Whether a value is plain data that JSON holds unchanged (a default the shape can carry). */
function isJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value)
  if (Array.isArray(value)) return value.every(isJson)
  if (typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value)
  return (proto === Object.prototype || proto === null) && Object.values(value).every(isJson)
}

/**
 * The shape of a zod schema (checkShape's input): what a plain value must be for the schema to
 * accept it, and the defaults it fills in. Whatever the shape cannot say exactly (refinements,
 * custom checks such as `z.instanceof`, transforms, string formats) is `opaque`, so that a value
 * there goes to the schema. Run when the shapes are generated (packages/steadfast/test), never at
 * run time: it is not in core's barrel, which every test worker loads.
 */
export function describeSchema(schema: z.ZodType | Schema): Shape {
  const def = (schema as Schema)._zod?.def
  if (!def) return OPAQUE
  const hint = shapeHintOf(schema)
  if (hint && 'kind' in hint) return def.type === 'custom' ? hint : OPAQUE
  const checks = (def.checks ?? []).map((c) => c._zod?.def ?? {})
  if (hint && def.type === 'object' && checks.length === 1) {
    // The one refinement is the hint's: described without it, then with it.
    const plain = describeSchema({ _zod: { def: { ...def, checks: [] } } })
    return plain.kind === 'object' ? { ...plain, requireOneOf: hint.requireOneOf } : OPAQUE
  }
  switch (def.type) {
    case 'string': {
      const shape: Extract<Shape, { kind: 'string' }> = { kind: 'string' }
      for (const check of checks) {
        if (check.check === 'min_length' && typeof check.minimum === 'number') shape.minLength = check.minimum
        else if (check.check === 'max_length' && typeof check.maximum === 'number')
          shape.maxLength = check.maximum
        else return OPAQUE
      }
      return shape
    }
    case 'number': {
      const shape: Extract<Shape, { kind: 'number' }> = { kind: 'number' }
      const bounds: NonNullable<typeof shape.checks> = []
      for (const check of checks) {
        if (check.check === 'number_format' && check.format === 'safeint') shape.int = true
        else if (
          (check.check === 'greater_than' || check.check === 'less_than') &&
          typeof check.value === 'number'
        )
          bounds.push({
            op: `${check.check === 'greater_than' ? '>' : '<'}${check.inclusive ? '=' : ''}` as
              | '>'
              | '>='
              | '<'
              | '<=',
            value: check.value,
          })
        else return OPAQUE
      }
      if (bounds.length) shape.checks = bounds
      return shape
    }
    case 'boolean':
      return checks.length ? OPAQUE : { kind: 'boolean' }
    case 'enum':
      return def.entries ? { kind: 'enum', values: Object.values(def.entries) } : OPAQUE
    case 'literal': {
      const values = def.values ?? []
      return values.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))
        ? { kind: 'literal', values: values as Array<string | number | boolean | null> }
        : OPAQUE
    }
    case 'array':
      return checks.length || !def.element ? OPAQUE : { kind: 'array', element: describeSchema(def.element) }
    case 'record':
      return checks.length || !def.keyType || !def.valueType
        ? OPAQUE
        : { kind: 'record', key: describeSchema(def.keyType), value: describeSchema(def.valueType) }
    case 'object': {
      if (checks.length || !def.shape) return OPAQUE
      const catchall = def.catchall?._zod?.def?.type
      const unknownKeys =
        catchall === undefined
          ? 'strip'
          : catchall === 'never'
            ? 'strict'
            : catchall === 'unknown'
              ? 'passthrough'
              : undefined
      if (!unknownKeys) return OPAQUE
      const fields: Record<string, Shape> = {}
      for (const [key, field] of Object.entries(def.shape)) fields[key] = describeSchema(field)
      return { kind: 'object', fields, unknownKeys }
    }
    case 'optional':
      return def.innerType ? { kind: 'optional', inner: describeSchema(def.innerType) } : OPAQUE
    case 'default': {
      // zod reads the default anew each time (a getter); JSON holds it only when it is plain data.
      const value = def.defaultValue
      if (!def.innerType || !isJson(value)) return OPAQUE
      return { kind: 'default', inner: describeSchema(def.innerType), value }
    }
    case 'union':
      return def.options ? { kind: 'union', options: def.options.map(describeSchema) } : OPAQUE
    default:
      return OPAQUE
  }
}
