/**
 * A short, safe rendering of any value for messages ("got …"): quoted strings, named functions,
 * RegExps as written, errors as `Name: message`, objects as JSON, long ones cut.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'symbol') return value.toString()
  if (value instanceof RegExp) return String(value)
  if (value instanceof Error || isErrorLike(value)) return `${value.name}: ${value.message}`
  if (typeof value === 'object' && value !== null) {
    try {
      const json = JSON.stringify(value)
      if (json !== undefined) return json.length > 120 ? `${json.slice(0, 117)}...` : json
    } catch {
      // circular or throwing toJSON: fall through to the tag
    }
    return Object.prototype.toString.call(value)
  }
  return String(value)
}

function isErrorLike(value: unknown): value is Error {
  // Errors from another vm context (Jest) fail `instanceof Error`.
  return Object.prototype.toString.call(value) === '[object Error]'
}
