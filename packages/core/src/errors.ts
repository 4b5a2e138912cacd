// A registry-wide symbol, so the brand survives Jest's separate vm contexts and duplicated installs,
// where `instanceof` gives false for an error made by another copy of the class.
const BRAND: unique symbol = Symbol.for('steadfast.error') as never

/** Base of every error Steadfast throws: a stable `code`, an optional `cause`, a brand. */
export class SteadfastError extends Error {
  /** Stable identifier, `STEADFAST_…`: match on this, not on the message. */
  readonly code: string
  readonly [BRAND] = true

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'SteadfastError'
    this.code = code
  }
}

/**
 * Whether `value` is a Steadfast error (optionally with this `code`), also when it was created in
 * another vm context or by another copy of the package.
 */
export function isSteadfastError(value: unknown, code?: string): value is SteadfastError {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as { [BRAND]?: unknown; code?: unknown }
  return candidate[BRAND] === true && (code === undefined || candidate.code === code)
}
