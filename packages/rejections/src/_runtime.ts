import { relative } from 'node:path'
import { nextTurn, projectRoot, runDirectory } from '@steadfast/core'
import { type Owner, realProcess } from './_context.js'
import { ignoreMatcher } from './_ignore.js'
import { resolvedOptions } from './_resolved.js'
import { Catcher, type CaughtError } from './catcher.js'
import { describeCaught, UnhandledErrorsFailure } from './failure.js'
import { describeLeak, LeakFailure, LeakRecorder } from './leaks.js'
import type { ResolvedRejectionsOptions } from './options.js'
import { type RejectionRecord, toRecord, WorkerArtifact } from './report.js'

export { nextTurn }

/**
 * What one worker process keeps across the test files it runs: the options, the catcher, the
 * artifact. One per process (Jest loads this module once per file, in a fresh vm context).
 */
export interface WorkerRuntime {
  options: ResolvedRejectionsOptions
  root: string
  catcher: Catcher
  artifact: WorkerArtifact
  /**
   * The file being run, if any: errors no async context claims are blamed on it ("module load"
   * until its first hook runs, then "outside any test").
   */
  currentFile: Owner | undefined
  /** Records handle creation stacks; undefined when `leaks` is `off`. */
  leaks: LeakRecorder | undefined
  /** The runner's own listeners, called for errors no file can take (Vitest only). */
  forwardOrphan: ((type: CaughtError['type'], error: unknown, promise: unknown) => void) | undefined
  /**
   * Where live lines go. Jest points it at the console of the file being run, so they are shown
   * with that file's output.
   */
  warn: (line: string) => void
}

const KEY = Symbol.for('steadfast.rejections.runtime')

export function workerRuntime(root: string = projectRoot()): WorkerRuntime {
  const holder = realProcess() as unknown as { [KEY]?: WorkerRuntime }
  const existing = holder[KEY]
  if (existing) return existing
  // Resolved in the main process by the plugin or the reporter, with the STEADFAST_REJECTIONS_*
  // overrides: never validated again here.
  const options = resolvedOptions(root)
  const isIgnored = ignoreMatcher(options.ignore, root)
  const runtime: WorkerRuntime = {
    options,
    root,
    artifact: new WorkerArtifact(runDirectory(root, options.dir)),
    currentFile: undefined,
    forwardOrphan: undefined,
    warn: (line) => console.warn(line),
    leaks: options.leaks === 'off' ? undefined : new LeakRecorder(root),
    catcher: new Catcher({
      ignored: isIgnored,
      outlived: (caught, promise) => {
        if (!runtime.forwardOrphan) return false
        // Said here, because the runner will blame whatever runs now.
        runtime.warn(
          `[steadfast/rejections] ${describeCaught(caught)} (after its file had ended; handed to the runner)`,
        )
        runtime.artifact.add([toRecord(caught, 'warned', runtime.root, runtime.currentFile?.file ?? '')])
        runtime.forwardOrphan(caught.type, caught.error, promise)
        return true
      },
      lost: (type, error, promise) => {
        if (runtime.forwardOrphan) return runtime.forwardOrphan(type, error, promise)
        // No runner listener to hand it to: shown here, and the run fails for it.
        realProcess().stderr.write(
          `[steadfast/rejections] ${type === 'uncaughtException' ? 'Uncaught exception' : 'Unhandled rejection'} that Steadfast could not file; the run fails for it:\n${error instanceof Error ? error.stack : String(error)}\n`,
        )
        realProcess().exitCode = 1
      },
      orphan: (type, error, promise) => {
        if (runtime.currentFile) return runtime.currentFile
        if (!runtime.forwardOrphan) return undefined
        runtime.forwardOrphan(type, error, promise)
        return 'forwarded'
      },
    }),
  }
  runtime.leaks?.enable()
  holder[KEY] = runtime
  return runtime
}

export function fileOwner(runtime: WorkerRuntime, testPath: string): Owner {
  const file = relative(runtime.root, testPath)
  runtime.catcher.startFile(file)
  return { kind: 'file', file, name: 'module load', ended: false }
}

/**
 * Decides what the errors of one scope become: a failure to throw (mode `fail`), or a warning
 * printed now (mode `warn`). Every error lands in the artifact either way.
 */
export function settle(
  runtime: WorkerRuntime,
  caught: CaughtError[],
  scope: string,
  level: 'test' | 'file',
): UnhandledErrorsFailure | undefined {
  if (caught.length === 0) return undefined
  const fail = runtime.options.mode === 'fail'
  const outcome: RejectionRecord['outcome'] = fail
    ? level === 'test'
      ? 'failed-test'
      : 'failed-file'
    : 'warned'
  const running = runtime.currentFile?.file ?? ''
  runtime.artifact.add(caught.map((c) => toRecord(c, outcome, runtime.root, running)))
  for (const c of caught) runtime.warn(`[steadfast/rejections] ${describeCaught(c)}`)
  return fail ? new UnhandledErrorsFailure(caught, scope, level) : undefined
}

/**
 * Checks the handles `owners` left open. Returns a failure for `leaks: 'fail'`, or whenever the
 * test already timed out (then the list says what it was still waiting on); warns otherwise.
 */
export function checkLeaks(
  runtime: WorkerRuntime,
  owner: Owner,
  scope: string,
  level: 'test' | 'file',
  timedOut = false,
): Error | undefined {
  // leakScope 'file' judges a test's handles at the end of its file, with the file's own.
  if (level === 'test' && runtime.options.leakScope === 'file' && !timedOut) return undefined
  const leaks = (level === 'test' ? runtime.leaks?.take([owner]) : runtime.leaks?.takeFile(owner.file)) ?? []
  if (leaks.length === 0) return undefined
  const fail = runtime.options.leaks === 'fail' || timedOut
  const outcome = fail ? (level === 'test' ? 'failed-test' : 'failed-file') : 'warned'
  runtime.artifact.add(
    [],
    leaks.map((l) => ({
      file: owner.file,
      owner: level === 'test' ? owner.name : '(file)',
      kind: l.kind,
      type: l.type,
      origin: l.origin,
      outcome,
    })),
  )
  if (timedOut) return new LeakFailure(leaks, `${scope} timed out; it was still waiting on these, and`)
  for (const leak of leaks) runtime.warn(`[steadfast/rejections] ${scope} left a ${describeLeak(leak)}`)
  return fail ? new LeakFailure(leaks, scope) : undefined
}

/** One error out of a failure and a leak report, either of which may be missing. */
export function combine(failure: Error | undefined, leak: Error | undefined): Error | undefined {
  if (failure && leak) failure.message = `${failure.message}\n\n${leak.message}`
  return failure ?? leak
}

/**
 * Once the test module has loaded: a rejection made while it loaded is reported one turn later,
 * so let it be filed under "module load" before what no context claims counts as "outside any
 * test".
 */
export async function leaveModuleLoad(runtime: WorkerRuntime, file: Owner): Promise<void> {
  await nextTurn()
  runtime.currentFile = { ...file, name: 'outside any test' }
}

/** Judges a test at its end: the errors it left unhandled and the handles it left open. */
export async function judgeTest(
  runtime: WorkerRuntime,
  owner: Owner,
  timedOut: boolean,
): Promise<Error | undefined> {
  // Node says `rejectionHandled` one turn after the handler was attached: wait for it before
  // judging, but only when there is something to judge.
  if (runtime.catcher.has(owner)) await nextTurn()
  const scope = `test "${owner.name}"`
  const failure = settle(runtime, runtime.catcher.end(owner), scope, 'test')
  return combine(failure, checkLeaks(runtime, owner, scope, 'test', timedOut))
}

/**
 * Judges a file at its end: late errors of its tests, what its module load and beforeAll/afterAll
 * hooks left, errors no context claimed while it ran, and its open handles.
 */
export function judgeFile(runtime: WorkerRuntime, file: Owner): Error | undefined {
  file.ended = true
  const caught = [...runtime.catcher.takeFile(file.file), ...runtime.catcher.takeOrphans()]
  runtime.currentFile = undefined
  const scope = `file ${file.file}`
  return combine(settle(runtime, caught, scope, 'file'), checkLeaks(runtime, file, scope, 'file'))
}
