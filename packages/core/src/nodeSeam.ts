// Node's internals Steadfast uses, each behind its capability (capabilities.ts).
import { Server } from 'node:net'
import { hasCapability } from './capabilities.js'

type Listener = (...args: unknown[]) => void

/**
 * Node's own printer of process warnings on `proc` (a `'warning'` listener Node names `onWarning`;
 * none under `--no-warnings`): the warnings part takes it off while it captures, and puts it back.
 * Empty when it cannot be found, and then Node prints each warning too.
 */
export function nodeWarningPrinters(proc: NodeJS.Process): Listener[] {
  const printers = proc.listeners('warning').filter((listener) => listener.name === 'onWarning') as Listener[]
  const quiet =
    (proc as { noProcessWarnings?: boolean }).noProcessWarnings === true || proc.env?.NODE_NO_WARNINGS === '1'
  // Told not to print warnings, Node adds no printer: nothing is missing then.
  if (quiet && printers.length === 0) return printers
  return hasCapability('node.warningPrinter', printers.length > 0) ? printers : []
}

let ownerKey: symbol | null | undefined

/**
 * The JS object a native handle belongs to: Node keeps it under its private `owner_symbol` on the
 * handle. Most handles have one once in use; `owned` says this one must (a listening server's),
 * so that finding none means Node no longer keeps it there.
 */
export function handleOwner(handle: object, owned = false): unknown {
  if (ownerKey === undefined) {
    const key = Object.getOwnPropertySymbols(handle).find((s) => s.description === 'owner_symbol')
    if (key) ownerKey = hasCapability('node.handleOwner', true) ? key : null
    else if (owned) ownerKey = hasCapability('node.handleOwner', false) ? undefined : null
    else return undefined
  }
  return ownerKey ? (handle as Record<symbol, unknown>)[ownerKey] : undefined
}

/**
 * Whether a resource the async hooks saw made (`type`: its async resource type) still keeps the
 * process alive: a cleared or fired timer is `_destroyed`; a server or socket lets go of its handle
 * (its `_handle`) when it is closed, and calls back before Node has released it, so the handle is
 * still "ref'd" while it closes, yet nothing is left open; an unref'd handle keeps nothing alive.
 */
export function isHandleOpen(type: string, resource: object): boolean {
  const handle = resource as { _destroyed?: boolean; hasRef?: () => boolean }
  if (type === 'Timeout' && hasCapability('node.handleState', '_destroyed' in handle) && handle._destroyed)
    return false
  const owner = handleOwner(resource) as { _handle?: unknown } | undefined
  if (owner && typeof owner === 'object' && '_handle' in owner && owner._handle !== resource) return false
  return typeof handle.hasRef === 'function' ? handle.hasRef() : true
}

/** Listeners taken off a process: how to call them with an error, and to put them back. */
export interface TakenListeners {
  /** Whether any listener was there to take. */
  readonly found: boolean
  forward(event: string, error: unknown, promise: unknown): void
  restore(): void
}

/**
 * Takes every listener for `events` off `proc` (its public API, as registered, `once` wrappers
 * included), for a runner's own error listeners that Steadfast stands in for.
 */
export function takeProcessListeners(proc: NodeJS.Process, events: readonly string[]): TakenListeners {
  const taken = new Map(events.map((event) => [event, proc.rawListeners(event) as Listener[]]))
  for (const [event, listeners] of taken) for (const listener of listeners) proc.off(event, listener)
  return {
    found: [...taken.values()].some((listeners) => listeners.length > 0),
    forward(event, error, promise) {
      for (const listener of taken.get(event) ?? []) listener(error, promise)
    },
    restore() {
      for (const [event, listeners] of taken) for (const listener of listeners) proc.on(event, listener)
    },
  }
}

const LISTEN_PATCHED = Symbol.for('steadfast.core.listenPatched')
type Listening = Server & { [LISTEN_PATCHED]?: Array<(server: Server, listen: Listener) => void> }

/**
 * Calls `seen` with each server that starts to listen, synchronously from its `listen()` call
 * (`listen` itself, to skip it in a captured stack): a server's handle is made a tick later, from
 * Node's frames only. Patched once a process on `net.Server`, which `http.Server` and
 * `https.Server` extend; its public method, so no capability is asked.
 */
export function onServerListen(seen: (server: Server, listen: Listener) => void): void {
  const proto = Server.prototype as Listening
  const listeners = proto[LISTEN_PATCHED]
  if (listeners) {
    listeners.push(seen)
    return
  }
  const all = [seen]
  const listen = proto.listen as (...args: unknown[]) => Server
  const recording = function (this: Server, ...args: unknown[]) {
    for (const fn of all) fn(this, recording as Listener)
    return listen.apply(this, args)
  }
  proto.listen = recording as Server['listen']
  proto[LISTEN_PATCHED] = all
}
