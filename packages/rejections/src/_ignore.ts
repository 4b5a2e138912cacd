import { createRequire } from 'node:module'
import { relative } from 'node:path'
import { sibling } from './_here.js'
import { userOrigin } from './_origin.js'
import type { ResolvedRejectionsOptions } from './options.js'

type Rule = ResolvedRejectionsOptions['ignore'][number]

/**
 * picomatch, loaded only for a rule with an `origin` glob: every worker process builds the
 * matcher, and most configurations have none.
 */
function glob(): typeof import('picomatch') {
  return createRequire(sibling('_ignore.js'))('picomatch') as typeof import('picomatch')
}

/** Compiles the `ignore` rules once into one predicate over an error. */
export function ignoreMatcher(rules: Rule[], root: string): (error: unknown) => boolean {
  const tests = rules.map((rule) => {
    const spec = typeof rule === 'string' || rule instanceof RegExp ? { message: rule } : rule
    const origin = spec.origin === undefined ? undefined : glob()(spec.origin, { dot: true })
    return (error: unknown): boolean => {
      const { name, message, stack } = describeError(error)
      if (spec.name !== undefined && spec.name !== name) return false
      if (spec.message !== undefined) {
        const hit =
          typeof spec.message === 'string' ? message.includes(spec.message) : spec.message.test(message)
        if (!hit) return false
      }
      if (origin) {
        const from = userOrigin(stack)
        if (!from || !origin(relative(root, from.file))) return false
      }
      return true
    }
  })
  return (error) => tests.some((matches) => matches(error))
}

/** Name, message and stack of anything thrown, Error or not, from any vm context. */
export function describeError(error: unknown): { name: string; message: string; stack: string | undefined } {
  if (typeof error === 'object' && error !== null) {
    const e = error as {
      name?: unknown
      message?: unknown
      stack?: unknown
      constructor?: { name?: unknown }
    }
    const name =
      typeof e.name === 'string'
        ? e.name
        : typeof e.constructor?.name === 'string'
          ? e.constructor.name
          : 'Object'
    return {
      name,
      message: typeof e.message === 'string' ? e.message : safeString(error),
      stack: typeof e.stack === 'string' ? e.stack : undefined,
    }
  }
  return { name: typeof error, message: safeString(error), stack: undefined }
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'object' ? (JSON.stringify(value) ?? String(value)) : String(value)
  } catch {
    return Object.prototype.toString.call(value)
  }
}
