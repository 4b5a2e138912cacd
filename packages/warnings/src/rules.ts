import { picomatch } from './_glob.js'
import type { WarningKind } from './kind.js'
import type { WarningRule } from './options.js'

/** What the rules make of one occurrence. */
export type Verdict = 'ignore' | 'error' | 'count'

/** A rule split in the part that is the same for every occurrence of a kind, and the message part. */
interface Compiled {
  action: 'ignore' | 'error'
  /** Type, code and origin: decided once per kind. */
  kind: (kind: WarningKind, originFile: string) => boolean
  /** The message pattern, tested on each occurrence; undefined when the rule has none. */
  message: ((message: string) => boolean) | undefined
}

/** The rules that can apply to one kind (its non-message parts matched): usually none. */
export type KindRules = readonly Compiled[]

const NONE: KindRules = []

/**
 * The `ignore` and `error` rules compiled once. `forKind` picks the rules a kind can meet (once
 * per kind); `verdict` then tests only their message parts, so a warning of a kind no rule names
 * costs nothing here.
 */
export class Rules {
  readonly #all: Compiled[]

  constructor(ignore: WarningRule[], error: WarningRule[]) {
    // Ignore first: a warning both ignored and made an error is ignored, as the user said twice.
    this.#all = [...ignore.map((r) => compile(r, 'ignore')), ...error.map((r) => compile(r, 'error'))]
  }

  forKind(kind: WarningKind, originFile: string): KindRules {
    if (this.#all.length === 0) return NONE
    const rules = this.#all.filter((rule) => rule.kind(kind, originFile))
    return rules.length === 0 ? NONE : rules
  }

  static verdict(rules: KindRules, message: string): Verdict {
    for (const rule of rules) if (!rule.message || rule.message(message)) return rule.action
    return 'count'
  }
}

function compile(rule: WarningRule, action: 'ignore' | 'error'): Compiled {
  const spec = typeof rule === 'string' || rule instanceof RegExp ? { message: rule } : rule
  const origin = spec.origin === undefined ? undefined : picomatch(spec.origin, { dot: true })
  return {
    action,
    kind: (kind, originFile) =>
      (spec.type === undefined || spec.type === kind.type) &&
      (spec.code === undefined || spec.code === kind.code) &&
      (origin === undefined || origin(originFile)),
    message: spec.message === undefined ? undefined : messageMatcher(spec.message),
  }
}

/**
 * A message pattern: a RegExp; a string with `*` as a wildcard over the whole message (`*` is any
 * run of characters, `/` included: picomatch is for paths, and messages hold URLs and `Buffer()`);
 * else a substring.
 */
export function messageMatcher(pattern: string | RegExp): (message: string) => boolean {
  if (pattern instanceof RegExp) {
    // A global or sticky RegExp keeps `lastIndex` between calls: test a copy without those flags.
    const plain = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''))
    return (message) => plain.test(message)
  }
  if (!pattern.includes('*')) return (message) => message.includes(pattern)
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*')
  const wildcard = new RegExp(`^${source}$`)
  return (message) => wildcard.test(message)
}
