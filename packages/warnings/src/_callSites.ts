// Reading `error.stack` formats the whole stack, through the runner's source-map support when it
// has one (Vitest and Jest both install it): tens of microseconds a warning, which for 300,000
// warnings is longer than Node's own printing of them. The structured call sites are cheap, so
// the hot path reads those and leaves the formatting for when someone reads the stack.

/** V8's structured stack frame. */
export type CallSite = NodeJS.CallSite

type Prepare = (error: Error, sites: CallSite[]) => unknown
type ErrorConstructorLike = { prepareStackTrace?: Prepare | undefined }

/** What `callSitesOf` found: the sites (stack not formatted yet), or the stack already formatted. */
export type StackRead =
  | { sites: CallSite[]; format: () => string }
  | { sites: undefined; stack: string | undefined }

let lastProto: unknown
let lastCtor: ErrorConstructorLike = Error as ErrorConstructorLike

/** The Error constructor of the realm `error` was made in (Jest runs tests in another realm). */
function errorConstructorOf(error: object): ErrorConstructorLike {
  // Warnings of one kind share a prototype: remember the last answer.
  const own = Object.getPrototypeOf(error)
  if (own === lastProto) return lastCtor
  lastProto = own
  lastCtor = findConstructor(error)
  return lastCtor
}

function findConstructor(error: object): ErrorConstructorLike {
  for (let proto = Object.getPrototypeOf(error); proto; proto = Object.getPrototypeOf(proto)) {
    const ctor = (proto as { constructor?: unknown }).constructor as
      | { captureStackTrace?: unknown }
      | undefined
    if (typeof ctor?.captureStackTrace === 'function') return ctor as ErrorConstructorLike
  }
  return Error as ErrorConstructorLike
}

const PENDING = '(steadfast: stack formatted on first read)'

/** Shared by every read: no closure is made per warning. */
let lastSites: CallSite[] | undefined
const collect = (_error: Error, callSites: CallSite[]): string => {
  lastSites = callSites
  return PENDING
}

/**
 * The call sites of `error`'s stack without formatting it, when nobody has read it yet. With
 * `keepStack`, its `stack` stays what it would have been (formatted by the runner's own formatter
 * when first read); without, it is left unformatted: for an object no other code will see (a
 * warning no other listener hears, the holder of a console caller's stack), which saves a
 * property definition per warning.
 */
export function callSitesOf(error: object, keepStack: boolean): StackRead {
  const ctor = errorConstructorOf(error)
  const saved = ctor.prepareStackTrace
  lastSites = undefined
  ctor.prepareStackTrace = collect
  let value: unknown
  try {
    value = (error as { stack?: unknown }).stack
  } finally {
    ctor.prepareStackTrace = saved
  }
  const found = lastSites
  lastSites = undefined
  if (found === undefined) return { sites: undefined, stack: typeof value === 'string' ? value : undefined }
  let formatted: string | undefined
  const format = (): string => {
    formatted ??= String(saved ? saved(error as Error, found) : defaultFormat(error, found))
    return formatted
  }
  if (!keepStack) return { sites: found, format }
  Object.defineProperty(error, 'stack', {
    configurable: true,
    enumerable: false,
    get: format,
    set(stack: unknown) {
      Object.defineProperty(error, 'stack', {
        configurable: true,
        enumerable: false,
        writable: true,
        value: stack,
      })
    },
  })
  return { sites: found, format }
}

function defaultFormat(error: object, sites: CallSite[]): string {
  const { name, message } = error as { name?: unknown; message?: unknown }
  const head =
    message === undefined || message === ''
      ? String(name ?? 'Error')
      : `${String(name ?? 'Error')}: ${String(message)}`
  return `${head}${sites.map((site) => `\n    at ${String(site)}`).join('')}`
}
