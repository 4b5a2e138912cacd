// The warning capture of one process (a Vitest worker thread or fork, a Jest worker, the main
// process): one per process, kept on the real `process` so that every copy of this package (Jest
// loads one per test file, Vitest's vmThreads one per file too) shares it.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { realProcess, runDirectory } from '@steadfast/core'
import { resolvedOptions } from './_resolved.js'
import { LIVE_DIR, workerArtifactFile, writeArtifact } from './artifact.js'
import { WarningCapture, type WarningSink } from './capture.js'
import { type RuledWarning, WarningRuleError } from './errors.js'
import { kindKey, kindLabel, type WarningKind } from './kind.js'
import type { ResolvedWarningsOptions } from './options.js'
import { errorOrigin, type WarningOrigin } from './origin.js'
import { type KindRules, Rules } from './rules.js'
import { MAX_KINDS, WarningStore } from './store.js'
import { warningTemplate } from './template.js'

/** The file name warnings are counted under when no test file is running. */
export const OUTSIDE_FILES = '(outside test files)'
/** Most rule-failing warnings kept per test or file for its failure message. */
const MAX_PENDING = 10

/**
 * What the hot path keeps per kind and origin: the kind (shared by its origins), the rules that can
 * meet it from that origin, and its repeats not yet counted.
 */
interface Entry {
  kind: WarningKind
  /** The origin's `file:line` (or `package <name>`), as the kind's tally of origins names it. */
  origin: string
  rules: KindRules
  /** Whether this entry's first occurrence was seen: after that, the hot path skips the live check. */
  printed: boolean
  /**
   * Repeats not yet added to the store, all from `file` and `testKey`: a loop that warns counts one
   * number up, and the store's tallies are updated once when the file or test changes.
   */
  pending: number
  file: string
  testKey: string | undefined
  /** Not kept (past the bound on kinds): counted into the store at once, never pending. */
  direct: boolean
}

export interface Runtime {
  options: ResolvedWarningsOptions
  root: string
  dir: string
  store: WarningStore
  capture: WarningCapture
  /** The test file running now (relative to the root), if any. */
  file: string | undefined
  /** The test running now (full name), if any. */
  test: string | undefined
  /** Where warnings go when no file runs: `(outside test files)`, or `(main process)`. */
  outside: string
  /** Counts one warning: what the capture of `process.emitWarning` and of the console calls. */
  sink: WarningSink
  /** Writes this process's counts to its artifact, when something changed since the last time. */
  flush(): void
  /** Takes the rule-failing warnings of a test (by full name) or of the file (`undefined`). */
  takeRuled(test: string | undefined): RuledWarning[]
}

const KEY = Symbol.for('steadfast.warnings.runtime')

/** This process's runtime, made on first use. */
export function processRuntime(root: string = process.cwd()): Runtime {
  const proc = realProcess()
  const holder = proc as unknown as { [KEY]?: Runtime }
  const existing = holder[KEY]
  if (existing) return existing
  const runtime = createRuntime(proc, root, resolvedOptions(root))
  holder[KEY] = runtime
  // A worker can end without a last file end (a crash, Jest recycling it): keep what it counted.
  proc.once('exit', () => runtime.flush())
  return runtime
}

function createRuntime(proc: NodeJS.Process, root: string, options: ResolvedWarningsOptions): Runtime {
  const dir = runDirectory(root, options.dir)
  const store = new WarningStore()
  const rules = new Rules(options.ignore, options.error)
  const ruled = new Map<string | undefined, RuledWarning[]>()
  const artifact = workerArtifactFile(dir)
  let dirty = false

  const runtime: Runtime = {
    options,
    root,
    dir,
    store,
    file: undefined,
    test: undefined,
    outside: OUTSIDE_FILES,
    capture: new WarningCapture(proc, onWarning),
    sink: onWarning,
    flush() {
      fold()
      if (!dirty) return
      dirty = false
      writeArtifact(artifact, store.snapshot())
    },
    takeRuled(test) {
      const list = ruled.get(test) ?? []
      ruled.delete(test)
      return list
    },
  }

  function entryOf(
    type: string,
    code: string,
    template: string,
    message: string,
    origin: WarningOrigin,
  ): Entry {
    // One kind for every origin: the same deprecation from four files is one kind of four places.
    const key = kindKey({ type, code, template })
    const kind = store.kind(key, () => ({
      key,
      type,
      code,
      template,
      message,
      origin: origin.at,
      origins: {},
      count: 0,
      files: {},
      tests: {},
      error: false,
    }))
    return {
      kind,
      origin: origin.key,
      // Per origin: a rule's origin glob is matched against the file each occurrence came from.
      rules: rules.forKind(kind, origin.file),
      printed: false,
      pending: 0,
      file: '',
      testKey: undefined,
      direct: false,
    }
  }

  // Entries by origin (the same object for every repeat from one call site), template, type and
  // code: lookups of strings the caches hand out again, never a key built per warning. The kind
  // is shared by the entries of its origins.
  type ByCode = Map<string, Entry>
  const byOrigin = new Map<WarningOrigin, Map<string, Map<string, ByCode>>>()
  let entryCount = 0

  function lookup(origin: WarningOrigin, template: string, type: string, code: string): Entry | undefined {
    return byOrigin.get(origin)?.get(template)?.get(type)?.get(code)
  }

  function remember(origin: WarningOrigin, template: string, type: string, code: string, entry: Entry): void {
    // Past the store's bound every new key lands in its overflow kind: keep no more entries either.
    if (entryCount > MAX_KINDS) {
      entry.direct = true
      return
    }
    entryCount++
    const byTemplate = byOrigin.get(origin) ?? new Map<string, Map<string, ByCode>>()
    byOrigin.set(origin, byTemplate)
    const byType = byTemplate.get(template) ?? new Map<string, ByCode>()
    byTemplate.set(template, byType)
    const byCode = byType.get(type) ?? new Map<string, Entry>()
    byType.set(type, byCode)
    byCode.set(code, entry)
  }

  /** Entries with repeats not yet in the store. */
  const unfolded = new Set<Entry>()
  /** Kinds whose first occurrence this process has seen (and printed, unless another worker did). */
  const printed = new WeakSet<WarningKind>()

  function foldEntry(entry: Entry): void {
    if (entry.pending === 0) return
    store.count(entry.kind, entry.origin, entry.file, entry.testKey, entry.pending)
    entry.pending = 0
  }

  /** Adds every pending repeat to the store: before it is written or read. */
  function fold(): void {
    for (const entry of unfolded) foldEntry(entry)
    unfolded.clear()
  }

  // The name a test is counted under, made once per test rather than once per warning.
  let testName: string | undefined
  let testFile: string | undefined
  let testKey: string | undefined
  function currentTestKey(file: string): string | undefined {
    const test = runtime.test
    if (test === undefined) return undefined
    if (test !== testName || file !== testFile) {
      testName = test
      testFile = file
      testKey = `${file} > ${test}`
    }
    return testKey
  }

  // The hot path: for a repeat of a known kind, the call sites' positions, a skeleton of the
  // message, four map lookups and a few counts.
  function onWarning(
    type: string,
    code: string,
    message: string,
    carrier: object | undefined,
    shared: boolean,
  ): void {
    const origin = errorOrigin(carrier, root, shared)
    const template = warningTemplate(message)
    let entry = lookup(origin, template, type, code)
    if (!entry) {
      entry = entryOf(type, code, template, message, origin)
      remember(origin, template, type, code, entry)
    }
    const verdict = entry.rules.length === 0 ? 'count' : Rules.verdict(entry.rules, message)
    dirty = true
    if (verdict === 'ignore') {
      store.ignored++
      return
    }
    const file = runtime.file ?? runtime.outside
    const testKey = currentTestKey(file)
    if (entry.direct) store.count(entry.kind, entry.origin, file, testKey)
    else if (entry.pending > 0 && entry.file === file && entry.testKey === testKey) entry.pending++
    else {
      foldEntry(entry)
      entry.file = file
      entry.testKey = testKey
      entry.pending = 1
      unfolded.add(entry)
    }
    if (verdict === 'error') {
      const test = runtime.test
      entry.kind.error = true
      const list = ruled.get(test) ?? []
      if (list.length < MAX_PENDING) list.push({ type, code, message, origin: origin.at })
      ruled.set(test, list)
    }
    if (!entry.printed) {
      entry.printed = true
      // Once per kind, from whichever of its places came first.
      if (!printed.has(entry.kind)) {
        printed.add(entry.kind)
        if (options.live && firstAcrossWorkers(dir, entry.kind.key))
          printLive(proc, entry.kind, message, origin.at, verdict)
      }
    }
  }

  return runtime
}

let liveDirMade = false

/** Whether no other worker of this run has printed this kind yet: a marker file, created exclusively. */
function firstAcrossWorkers(dir: string, key: string): boolean {
  // node:crypto on demand: a new kind is rare, and loading it costs every test file ≈ 2.5 ms.
  const { createHash } = realProcess().getBuiltinModule('node:crypto') as typeof import('node:crypto')
  const marker = join(dir, LIVE_DIR, createHash('sha1').update(key).digest('hex'))
  try {
    if (!liveDirMade) {
      mkdirSync(join(dir, LIVE_DIR), { recursive: true })
      liveDirMade = true
    }
    closeSync(openSync(marker, 'wx'))
    return true
  } catch (error) {
    // EEXIST: printed elsewhere. Anything else (a read-only dir): print rather than stay silent.
    return (error as NodeJS.ErrnoException).code !== 'EEXIST'
  }
}

function printLive(
  proc: NodeJS.Process,
  kind: WarningKind,
  message: string,
  origin: string,
  verdict: string,
): void {
  const note = verdict === 'error' ? 'an error rule matched it' : 'repeats are only counted'
  const text = `[steadfast/warnings] ${kindLabel(kind)}: ${message}\n    at ${origin} (first of its kind; ${note})\n`
  // Straight to the file descriptor: a worker thread's process.stderr is a stream into the main
  // thread, and what is still in it when Vitest ends the thread is lost.
  try {
    writeSync(2, text)
  } catch {
    proc.stderr.write(text)
  }
}

// Taken at import, before a test can fake it.
const nextTick = process.nextTick

/**
 * Resolves once the warnings emitted so far have been delivered. `process.emitWarning` delivers on
 * the next tick, and a runner can go from a test to its hooks in one chain of microtasks, before
 * that tick: without this wait, a test's warnings would count for whatever runs next. A tick
 * queued now runs after every tick queued before it.
 */
export function delivered(): Promise<void> {
  return new Promise((resolve) => nextTick(resolve))
}

/** The failure for the rule-failing warnings of a test, or of the file when `test` is undefined. */
export function ruleFailure(runtime: Runtime, test: string | undefined): WarningRuleError | undefined {
  const warnings = runtime.takeRuled(test)
  if (warnings.length === 0) return undefined
  const error = new WarningRuleError(
    warnings,
    test === undefined ? `file ${runtime.file ?? runtime.outside}` : `test "${test}"`,
  )
  // The stack of the user's call: the runner's code frame then points at the line that warned,
  // not at this package's hook.
  const origin = warnings[0]?.origin
  if (origin && origin !== '(unknown)')
    error.stack = `${error.name}: ${error.message}\n    at ${join(runtime.root, origin)}`
  return error
}
