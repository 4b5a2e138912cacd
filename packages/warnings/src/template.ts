// What varies between two occurrences of one warning (a number, an id, a path, a quoted value) is
// replaced by a placeholder, so that "item 17 is deprecated" and "item 18 is deprecated" are one
// kind. Order matters: quoted values first (a quoted path is one value), numbers last (a UUID or
// a hex id must not be cut into numbers first).
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // A quote that opens after a letter is an apostrophe ("don't"), not a quoted value.
  [/(?<![\p{L}\p{N}_])'[^'\n]*'(?![\p{L}\p{N}_])/gu, "'<str>'"],
  [/(?<![\p{L}\p{N}_])"[^"\n]*"(?![\p{L}\p{N}_])/gu, '"<str>"'],
  [/`[^`\n]*`/g, '`<str>`'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  // Absolute, ./relative and Windows paths and file URLs, with at least one separator.
  [
    /(?<![\w.:/\\-])(?:file:\/\/)?(?:[A-Za-z]:[\\/]|\.{1,2}[\\/]|\/)(?:[\w.@+~-]+[\\/])*[\w.@+~-]+[\\/]?/g,
    '<path>',
  ],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  // Long hex runs (hashes, object ids) that hold both a digit and a letter.
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, '<hex>'],
  // Not inside a word: DEP0005, utf8 and v2 stay as they are.
  [/(?<![\p{L}_\d.])-?\d+(?:\.\d+)*/gu, '<n>'],
]

/**
 * Templates by skeleton: the message with every digit 1-9 made a 1. Every rule above treats the
 * digits 1-9 alike (0 is kept: `0x` depends on it), so two messages with one skeleton are cut the
 * same way; when the template keeps no digit of its own, they have the same template. "record 17"
 * and "record 42" then cost one short replace and one lookup, not every rule again.
 */
const bySkeleton = new Map<string, string>()
/** Templates that keep digits of their message ("use v2"), by the exact message. */
const byMessage = new Map<string, string>()
const CACHE_SIZE = 4096
const DIGITS = /[1-9]/g
const ANY_DIGIT = /\d/

/**
 * The message with what varies between occurrences normalised: numbers → `<n>`, hex → `<hex>`,
 * UUIDs → `<uuid>`, paths and file URLs → `<path>`, quoted values → `'<str>'`.
 *
 * @example
 * warningTemplate("Item 42 at /tmp/x/a.json is 'old'") // "Item <n> at <path> is '<str>'"
 */
export function warningTemplate(message: string): string {
  // A loop that repeats one warning: compared with the last message in place, no string made.
  if (lastReusable && sameSkeleton(message, lastMessage)) return lastTemplate
  const template = templateOf(message)
  lastMessage = message
  lastTemplate = template
  lastReusable = !ANY_DIGIT.test(template)
  return template
}

let lastMessage = ''
let lastTemplate = ''
/** Whether the last template holds for every message of the last one's skeleton (it keeps no digit). */
let lastReusable = false

/** Whether `a` and `b` have one skeleton: equal but for digits 1-9 in the same places. */
function sameSkeleton(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x !== y && (x < 49 || x > 57 || y < 49 || y > 57)) return false
  }
  return true
}

function templateOf(message: string): string {
  const skeleton = message.replace(DIGITS, '1')
  const known = bySkeleton.get(skeleton) ?? byMessage.get(message)
  if (known !== undefined) return known
  let template = message
  for (const [pattern, placeholder] of RULES) template = template.replace(pattern, placeholder)
  const cache = ANY_DIGIT.test(template) ? byMessage : bySkeleton
  // Bounded: a stream of distinct messages must not grow memory. Starting over is cheap.
  if (cache.size >= CACHE_SIZE) cache.clear()
  cache.set(cache === bySkeleton ? skeleton : message, template)
  return template
}
