import { createHook } from 'node:async_hooks'
import { Server } from 'node:net'
import { relative } from 'node:path'
import { handleOwner, isHandleOpen, onServerListen, SteadfastError } from '@steadfast/core'
import { judgedWith, type Owner, ownerStorage } from './_context.js'
import { userOrigin } from './_origin.js'

// Resources that keep a process alive. Requests (TCPCONNECTWRAP, FSREQCALLBACK...), promises and
// ticks end by themselves and are not handles.
const HANDLE_TYPES = new Set([
  'Timeout',
  'TCPWRAP',
  'TCPSERVERWRAP',
  'PIPEWRAP',
  'PIPESERVERWRAP',
  'PROCESSWRAP',
  'FSEVENTWRAP',
  'STATWATCHER',
  'UDPWRAP',
  'SIGNALWRAP',
])

const KIND: Record<string, string> = {
  Timeout: 'timer',
  TCPWRAP: 'socket',
  TCPSERVERWRAP: 'server',
  PIPEWRAP: 'pipe',
  PIPESERVERWRAP: 'server (pipe)',
  PROCESSWRAP: 'child process',
  FSEVENTWRAP: 'file watcher',
  STATWATCHER: 'file watcher (fs.watchFile)',
  UDPWRAP: 'UDP socket',
  SIGNALWRAP: 'signal listener',
}

type Site = { stack?: string }

/** Captures the current stack below `below`, 14 frames deep, formatted only if read. */
function captureSite(below: (...args: never[]) => unknown): Site {
  const site: Site = {}
  // Of the frames kept, about 5 are Node's own timer or net internals; the rest reach the code
  // that made the handle. Fewer frames, cheaper capture.
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 14
  Error.captureStackTrace(site, below)
  Error.stackTraceLimit = limit
  return site
}

const RESOLVED = Promise.resolve()

const LISTEN_SITE = Symbol.for('steadfast.rejections.listenSite')
type Listening = Server & { [LISTEN_SITE]?: Site }
let listenSites = false

/**
 * `server.listen(port, host)` makes its handle a tick later (after resolving the host), from
 * Node's frames only: the call site of `listen` is kept on the server to say where it came from.
 */
function recordListenSites(): void {
  if (listenSites) return
  listenSites = true
  onServerListen((server, listen) => {
    if (ownerStorage().getStore()) (server as Listening)[LISTEN_SITE] = captureSite(listen)
  })
}

/** A server's handle: where `listen()` was called says more than the stack that made the handle. */
function useListenSite(entry: Entry): void {
  if (entry.type !== 'TCPSERVERWRAP' && entry.type !== 'PIPESERVERWRAP') return
  const handle = entry.resource.deref()
  const site = handle ? serverOf(handle)?.[LISTEN_SITE] : undefined
  if (site) entry.site = site
}

/** The server a listening handle belongs to. */
function serverOf(handle: object): Listening | undefined {
  const owner = handleOwner(handle, true)
  return owner instanceof Server ? (owner as Listening) : undefined
}

interface Entry {
  type: string
  owner: Owner
  resource: WeakRef<object>
  /** Holder of a captured stack: V8 formats it only if it is read, i.e. only for a leak. */
  site: Site
}

/** A handle a test or file created and left open. */
export interface Leak {
  /** What it is, in words ("timer", "socket", "child process"...). */
  kind: string
  /** Node's resource type (`Timeout`, `TCPWRAP`...). */
  type: string
  /** `file:line` of the first user frame that created it, when there is one. */
  origin: string | undefined
  /** The creation stack (user frames first). */
  stack: string
}

/**
 * Records, for every handle created inside a test's or file's async context, who created it and
 * where, and tells at the end of that owner which ones are still open. Only handles are recorded
 * (no promises), and no `destroy` hook is used: a handle is judged alive by looking at it.
 */
export class LeakRecorder {
  readonly #entries = new Map<number, Entry>()
  /** Leaks already reported, kept to say what still holds the process when it will not exit. */
  readonly #reported: Array<{ entry: Entry; leak: Leak }> = []
  readonly #root: string
  #runnerTimer = false
  readonly #onInit = (asyncId: number, type: string, _trigger: number, resource: unknown): void => {
    if (!HANDLE_TYPES.has(type)) return
    if (this.#runnerTimer && type === 'Timeout') {
      this.#runnerTimer = false
      return
    }
    const owner = ownerStorage().getStore()
    if (!owner) return
    const site = captureSite(this.#onInit)
    this.#entries.set(asyncId, { type, owner, resource: new WeakRef(resource as object), site })
  }
  // Promises are not handles: `trackPromises: false` (Node ≥ 24.21 and 26.10) keeps the hook off
  // every promise of the worker, the runner's included. Any `init` hook otherwise turns on promise
  // hooks for the whole process (+170–185 ns an await, docs/design/overhead.md). Older Nodes ignore
  // the option and call `init` for promises too, which `#onInit` returns from at once.
  readonly #hook = createHook({ init: this.#onInit, trackPromises: false } as Parameters<
    typeof createHook
  >[0])

  constructor(root: string) {
    this.#root = root
  }

  /**
   * The next timer made in this synchronous run is the runner's: jest-circus's timeout for the test
   * or hook it is about to call, made after the function entered its owner's context (_jestFile.ts)
   * and before the call (Jest 29.7, 30.5). Not recorded: the stack it would capture costs more
   * than a short test (docs/design/overhead.md), and it is never a leak.
   */
  nextTimerIsTheRunners(): void {
    if (this.#runnerTimer) return
    this.#runnerTimer = true
    // A resolved promise's reaction, not queueMicrotask: that makes an AsyncResource each call, for
    // every test and hook of the run.
    void RESOLVED.then(this.#runnerTimerDone)
  }

  readonly #runnerTimerDone = (): void => {
    this.#runnerTimer = false
  }

  enable(): void {
    recordListenSites()
    this.#hook.enable()
  }

  disable(): void {
    this.#hook.disable()
  }

  /** The handles `owners` created that are still open; forgets every handle they created. */
  take(owners: Owner[]): Leak[] {
    const wanted = new Set(owners)
    return this.#take((owner) => wanted.has(judgedWith(owner)))
  }

  /** The same for every owner of `file` not taken yet (its hooks, module load, late tests). */
  takeFile(file: string): Leak[] {
    return this.#take((owner) => owner.file === file)
  }

  #take(wanted: (owner: Owner) => boolean): Leak[] {
    const leaks: Leak[] = []
    for (const [id, entry] of this.#entries) {
      if (!wanted(entry.owner)) continue
      this.#entries.delete(id)
      if (!isOpen(entry)) continue
      useListenSite(entry)
      if (madeByRunner(entry)) continue
      const leak = this.#describe(entry)
      leaks.push(leak)
      this.#reported.push({ entry, leak })
    }
    return leaks
  }

  /** Every recorded handle still open now, reported or not, with whose it is. */
  stillOpen(): Array<Leak & { owner: string }> {
    const open: Array<Leak & { owner: string }> = []
    for (const { entry, leak } of this.#reported)
      if (isOpen(entry)) open.push({ ...leak, owner: ownerName(entry.owner) })
    for (const entry of this.#entries.values()) {
      if (!isOpen(entry)) continue
      useListenSite(entry)
      if (!madeByRunner(entry)) open.push({ ...this.#describe(entry), owner: ownerName(entry.owner) })
    }
    return open
  }

  #describe(entry: Entry): Leak {
    const frames = (entry.site.stack ?? '').split('\n').slice(1)
    const userFrames = frames.filter((line) => !line.includes('node:') && !line.includes('/node_modules/'))
    const origin = userOrigin(entry.site.stack)
    return {
      kind: KIND[entry.type] ?? entry.type,
      type: entry.type,
      origin: origin ? `${relative(this.#root, origin.file)}:${origin.line}` : undefined,
      stack: (userFrames.length > 0 ? userFrames : frames).map((l) => l.trim()).join('\n'),
    }
  }
}

// The runner's own machinery (its timers, its RPC) runs inside a test's or file's context too.
const RUNNER_FRAME =
  /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(?:vitest|@vitest\/|jest-[a-z-]+\/|@jest\/|tinypool|birpc)/

/** A handle whose every frame is Node's or the runner's: not the user's to close. */
function madeByRunner(entry: Entry): boolean {
  const frames = (entry.site.stack ?? '')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim().startsWith('at '))
  return frames.every((line) => line.includes('node:') || !line.includes('/') || RUNNER_FRAME.test(line))
}

function ownerName(owner: Owner): string {
  return owner.kind === 'test' ? `${owner.file} > ${owner.name}` : `${owner.file} (${owner.name})`
}

function isOpen(entry: Entry): boolean {
  const resource = entry.resource.deref()
  return resource !== undefined && isHandleOpen(entry.type, resource)
}

/** One line a leak, with where it was created. */
export function describeLeak(leak: Leak): string {
  return `${leak.kind} (${leak.type}) created at ${leak.origin ?? 'an unknown place (no frame in your code)'}`
}

/** Fails a test or file for the handles it left open (`leaks: 'fail'`). */
export class LeakFailure extends SteadfastError {
  readonly leaks: Leak[]

  constructor(leaks: Leak[], scope: string) {
    super(
      'STEADFAST_LEAK',
      `${scope} left ${leaks.length} open ${leaks.length === 1 ? 'handle' : 'handles'} behind (close them, or await their end, before the test ends):\n${leaks
        .map((l) => `  - ${describeLeak(l)}\n${l.stack.replace(/^/gm, '      ')}`)
        .join('\n')}`,
    )
    this.name = 'LeakFailure'
    this.leaks = leaks
  }
}
