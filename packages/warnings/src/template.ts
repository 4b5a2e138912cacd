// What varies between two occurrences of one warning (a number, an id, a path, a quoted value) is
// replaced by a placeholder, so that "item 17 is deprecated" and "item 18 is deprecated" are one
// kind. Order matters: quoted values first (a quoted path is one value), numbers last (a UUID or
// a hex id must not be cut into numbers first). Made on the first warning, not at load: the Unicode
// classes cost ≈ 1.5 ms to create, in every test file of the forks pool, warning or not.
type Rules = ReadonlyArray<readonly [RegExp, string]>
let rules: Rules | undefined
const makeRules = (): Rules => [
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
 * UUIDs → `<uuid>`, paths and file URLs → `<path>`, quoted values → `'<str>'`. A stack or a dump
 * of arguments that the message carries is cut off first (see `messageHead`).
 *
 * @example
 * warningTemplate("Item 42 at /tmp/x/a.json is 'old'") // "Item <n> at <path> is '<str>'"
 * warningTemplate('x is deprecated\nArguments: 42\nError\n    at f (/a.js:1:2)') // "x is deprecated"
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
  const head = messageHead(message)
  const skeleton = head.replace(DIGITS, '1')
  const known = bySkeleton.get(skeleton) ?? byMessage.get(head)
  if (known !== undefined) return known
  let template = head
  rules ??= makeRules()
  for (const [pattern, placeholder] of rules) template = template.replace(pattern, placeholder)
  const cache = ANY_DIGIT.test(template) ? byMessage : bySkeleton
  // Bounded: a stream of distinct messages must not grow memory. Starting over is cheap.
  if (cache.size >= CACHE_SIZE) cache.clear()
  cache.set(cache === bySkeleton ? skeleton : head, template)
  return template
}

/** A frame of a V8 stack (`    at fn (file:1:2)`), or of a React component stack (`    in Foo (at x.js:3)`). */
const FRAME = /^\s+(?:at \S|in [\w$.<>-]+(?: \((?:at|created by) [^)]*\))?\s*$)/
/** The first line of a stack: `Error`, `Error: …`, `TypeError: …`, `DOMException: …`. */
const STACK_START = /^\s*[\w$.]*(?:Error|Exception)\b/
/** Where a message starts listing the values it was called with: moment's `Arguments: …`. */
const ARGUMENTS = /^\s*(?:Arguments|Args)\s*:/i

/**
 * The message without what follows it that is not the message: a stack (its frames, and the
 * `Error…` line that starts it) or a dump of the arguments. moment's deprecations, for one, warn
 * with `msg + '\nArguments: ' + args + '\n' + new Error().stack`: the values and the frames differ
 * from call to call, the message does not. The first line always stays.
 */
function messageHead(message: string): string {
  if (!message.includes('\n')) return message
  const lines = message.split('\n')
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string
    if (ARGUMENTS.test(line)) return joinHead(lines, i)
    if (FRAME.test(line)) {
      // `Error: boom` followed by its frames as the whole message: the first line is the message.
      const start = i > 1 && STACK_START.test(lines[i - 1] as string) ? i - 1 : i
      return joinHead(lines, start)
    }
  }
  return message
}

const joinHead = (lines: string[], end: number): string => lines.slice(0, end).join('\n').trimEnd()
