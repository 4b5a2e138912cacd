import { relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseFrame } from '@steadfast/core'
import { callSitesOf } from './_callSites.js'
import { OWN_ROOT } from './_here.js'

/** Where a warning came from. */
export interface WarningOrigin {
  /** `file:line:column` relative to the project root, or `(unknown)` when no frame names a file. */
  at: string
  /** The origin frame's file relative to the root (in node_modules for a package), or `''`. */
  file: string
  /**
   * The place a kind's tally of origins counts it under: `file:line` in your code, or
   * `package <name>` (any line of that package).
   */
  key: string
}

const UNKNOWN: WarningOrigin = { at: '(unknown)', file: '', key: '(unknown)' }

/** The origins of recent stacks: a repeat from the same call site costs one map lookup. */
const cache = new Map<string, WarningOrigin>()
const CACHE_SIZE = 2048

/**
 * The origin frame of a warning's stack: the first frame outside node_modules, Node's internals
 * and Steadfast itself; when every frame is in node_modules, the package that emitted it (the
 * first frame's package: a library warning about its own use is filed under that library).
 */
export function warningOrigin(stack: string | undefined, root: string): WarningOrigin {
  if (!stack) return UNKNOWN
  const known = cache.get(stack)
  if (known !== undefined) return known
  const origin = findOrigin(stack, root)
  if (cache.size >= CACHE_SIZE) cache.clear()
  cache.set(stack, origin)
  return origin
}

/**
 * Origins by the raw positions of the frames up to the user's: file, then line, then column, then
 * the next frame's. Nested maps of what V8 hands out (the same file string every time, numbers),
 * so a repeat builds no key string.
 */
interface SiteNode {
  origin?: WarningOrigin
  next?: SiteTrie
}
type SiteTrie = Map<string, Map<number, Map<number, SiteNode>>>
let sitesRoot: SiteTrie = new Map()
let sitesSize = 0
const OWN_URL = pathToFileURL(OWN_ROOT).href

const SKIP = 0
const MODULE = 1
const USER = 2
/** What each file of a stack is to the origin search: Node's or Steadfast's, a package's, the user's. */
const fileKinds = new Map<string, typeof SKIP | typeof MODULE | typeof USER>()

function fileKind(file: string): typeof SKIP | typeof MODULE | typeof USER {
  let kind = fileKinds.get(file)
  if (kind !== undefined) return kind
  kind =
    file.startsWith('node:') || file.startsWith(OWN_ROOT) || file.startsWith(OWN_URL)
      ? SKIP
      : file.includes('/node_modules/')
        ? MODULE
        : USER
  if (fileKinds.size >= CACHE_SIZE) fileKinds.clear()
  fileKinds.set(file, kind)
  return kind
}

/**
 * The origin of a warning or a captured stack (see `warningOrigin`), from its call sites: a repeat
 * from a known call site costs no stack formatting, only a walk over the frames' positions. The
 * first time, the stack is formatted by the runner's own formatter (source maps applied).
 * `keepStack`: other code may read the carrier's stack afterwards (see `callSitesOf`).
 */
export function errorOrigin(error: object | undefined, root: string, keepStack = true): WarningOrigin {
  if (!error) return UNKNOWN
  const read = callSitesOf(error, keepStack)
  if (read.sites === undefined) return warningOrigin(read.stack, root)
  let trie: SiteTrie = sitesRoot
  let node: SiteNode | undefined
  for (const site of read.sites) {
    const file = site.getFileName()
    if (!file) continue
    const kind = fileKind(file)
    if (kind === SKIP) continue
    const line = site.getLineNumber() ?? 0
    const column = site.getColumnNumber() ?? 0
    if (node) {
      node.next ??= new Map()
      trie = node.next
    }
    let byLine = trie.get(file)
    if (!byLine) {
      byLine = new Map()
      trie.set(file, byLine)
    }
    let byColumn = byLine.get(line)
    if (!byColumn) {
      byColumn = new Map()
      byLine.set(line, byColumn)
    }
    node = byColumn.get(column)
    if (!node) {
      node = {}
      byColumn.set(column, node)
    }
    if (kind === USER) break
  }
  if (!node) return warningOrigin(read.format(), root)
  if (node.origin) return node.origin
  // Bounded: many distinct call sites start the map over rather than grow it.
  if (++sitesSize > CACHE_SIZE) {
    sitesRoot = new Map()
    sitesSize = 0
  }
  node.origin = findOrigin(read.format(), root)
  return node.origin
}

function findOrigin(stack: string, root: string): WarningOrigin {
  let firstPackage: WarningOrigin | undefined
  // The message may span lines: only the `at` lines are frames.
  for (const line of stack.split('\n')) {
    if (!line.startsWith('    at ')) continue
    const frame = parseFrame(line)
    if (!frame) continue
    const { file } = frame
    if (file.startsWith('node:') || file.startsWith(OWN_ROOT)) continue
    if (!file.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(file)) continue
    const path = relative(root, file).replaceAll('\\', '/')
    const at = `${path}:${frame.line}:${frame.column}`
    const modules = file.lastIndexOf('/node_modules/')
    if (modules === -1) return { at, file: path, key: `${path}:${frame.line}` }
    if (!firstPackage) {
      const name = packageName(file.slice(modules + '/node_modules/'.length))
      firstPackage = { at, file: path, key: `package ${name}` }
    }
  }
  return firstPackage ?? UNKNOWN
}

function packageName(inside: string): string {
  const [first = '', second = ''] = inside.split('/')
  return first.startsWith('@') ? `${first}/${second}` : first
}
