// One dispatcher for what the parts do around every Jest test, through jest-circus's own event
// handlers rather than an `afterEach` (and a `beforeEach`) of each part: every hook costs circus two
// events and a timeout race per test, and a hook of ours ran among the user's (docs/design/overhead.md).
import { hasCapability, jestVersion } from './capabilities.js'
import type { CircusTestLike } from './jestCircus.js'
import { realProcess } from './realProcess.js'

/** A test as the dispatcher hands it on: jest-circus's own object. */
export interface JestTestLike extends CircusTestLike {
  /** What fails the test: circus reports the test failed when one is here at its end. */
  errors: unknown[]
  concurrent?: boolean
}

/** What a part does around each test of the file being run. */
export interface JestTestListener {
  /** The test starts, before its first `beforeEach`. */
  beforeTest?(test: JestTestLike): void
  /**
   * The test has ended (after its last `afterEach`), before circus settles its status and tells the
   * reporters: a thrown error fails this attempt, as an `afterEach` error would.
   */
  afterTest?(test: JestTestLike): unknown
}

interface CircusEvent {
  name: string
  test?: JestTestLike
}
type EventHandler = ((event: CircusEvent) => unknown) & { [LISTENERS]?: Map<string, JestTestListener> }

const LISTENERS = Symbol.for('steadfast.core.jestTestListeners')
// Where jest-circus 30 keeps its event handlers: on the test file's global, under
// Symbol.for('EVENT_HANDLERS'), so that its two module copies share them. Jest 29 keeps them in a
// module variable no setup file can reach.
const EVENT_HANDLERS = Symbol.for('EVENT_HANDLERS')

/**
 * Registers `listener` under `key` (one per part) with jest-circus's event handlers of the test file
 * being set up (`sandbox`: its global, when this runs outside it): the dispatcher is added once per
 * file (each file has its own handlers), first, so a test's failure is in before circus marks it
 * done. Listeners run in the order of registration.
 *
 * Returns false where circus's handlers cannot be reached (Jest 29): the caller registers hooks then.
 */
export function onJestTests(key: string, listener: JestTestListener, sandbox: object = globalThis): boolean {
  const handlers = (sandbox as Record<symbol, unknown>)[EVENT_HANDLERS]
  if (!Array.isArray(handlers)) {
    // Jest 29 keeps them out of reach: hooks are the design there, not a fallback.
    hasCapability('jest.eventHandlers', Number.parseInt(jestVersion() ?? '0', 10) >= 30 ? false : undefined)
    return false
  }
  if (!hasCapability('jest.eventHandlers', true)) return false
  let dispatcher = (handlers as EventHandler[]).find((handler) => handler[LISTENERS])
  if (!dispatcher) {
    dispatcher = dispatch(new Map())
    handlers.unshift(dispatcher)
  }
  dispatcher[LISTENERS]?.set(key, listener)
  return true
}

function dispatch(listeners: Map<string, JestTestListener>): EventHandler {
  const handler: EventHandler = (event) => {
    const test = event.test
    if (!test) return undefined
    if (event.name === 'test_start') {
      for (const listener of listeners.values()) listener.beforeTest?.(test)
      return undefined
    }
    if (event.name === 'test_done') return afterTest(listeners, test)
    return undefined
  }
  handler[LISTENERS] = listeners
  return handler
}

async function afterTest(listeners: Map<string, JestTestListener>, test: JestTestLike): Promise<void> {
  for (const listener of listeners.values()) {
    try {
      await listener.afterTest?.(test)
    } catch (error) {
      test.errors.push(error)
    }
  }
}

/**
 * Prints a line of ours in a Jest test file's output, through its console (grouped with the file's
 * output, quiet under `--silent`) but with no frame of ours under it. Jest prints, under each
 * console line, the first frame of whoever called the console method outside Node; a call from
 * the next tick has only Node's frames. The console's own method is taken from its class, not the
 * instance, whose `warn` @steadfast/warnings may have replaced for the file.
 */
export function jestNotice(console: Console): (line: string) => void {
  const proto = Object.getPrototypeOf(console) as Partial<Console> | null
  const warn = typeof proto?.warn === 'function' ? proto.warn : console.warn
  // Bound, not wrapped: an arrow of ours would be the frame Jest prints.
  const bound = warn.bind(console)
  return (line) => realProcess().nextTick(bound, line)
}
