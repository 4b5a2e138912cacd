// Every private runner or Node internal Steadfast uses, named by what it does for us: the internal
// it reads, the versions it was verified on, and what happens without it. Core's seam modules
// (nodeSeam.ts, vitestSeam.ts, jestCircus.ts, jestTasks.ts, vitestTasks.ts, jestRuntimes.ts) ask
// `hasCapability` before each use; no package outside core touches an internal. When one is gone
// (a runner release moved it), Steadfast says so in one line, takes the public way, and goes on.
// The table in docs/design/capabilities.md is this list (a unit test compares them).
import { appendFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { realProcess } from './realProcess.js'

/** One capability: a private internal, by what it does for Steadfast. */
export interface Capability {
  /** The runner it belongs to. */
  runner: 'Vitest' | 'Jest' | 'Node'
  /** What it does for Steadfast, as the notice names it. */
  does: string
  /** The internal it reads or changes. */
  internal: string
  /** The versions it was verified on. */
  verified: string
  /** What is less exact (or slower) without it: the public way taken instead. */
  fallback: string
}

export const CAPABILITIES = {
  'node.warningPrinter': {
    runner: 'Node',
    does: "stop Node's warning printer while warnings are captured",
    internal: "the `'warning'` listener Node names `onWarning`",
    verified: 'Node 20, 24',
    fallback: "Node prints each warning too, beside the warnings part's own line",
  },
  'node.handleOwner': {
    runner: 'Node',
    does: 'find the server a listening handle belongs to',
    internal: "a native handle's private `owner_symbol`",
    verified: 'Node 20, 24',
    fallback: "a server's leak is placed by the stack that made its handle, not by its `listen()` call",
  },
  'node.handleState': {
    runner: 'Node',
    does: 'tell a cleared timer and a closing server from open ones',
    internal: "a `Timeout`'s private `_destroyed`, and a server's or socket's `_handle`",
    verified: 'Node 20, 24',
    fallback: 'a timer cleared in its test may be reported as left open',
  },
  'vitest.worker': {
    runner: 'Vitest',
    does: 'tell a Vitest worker, and whether it runs a custom runner',
    internal: '`globalThis.__vitest_worker__` and its `config.runner`',
    verified: 'Vitest 3.2, 4.1, 5.1',
    fallback:
      "each part hooks every test with `beforeEach`/`afterEach` (slower), and respawn's `useProcess` needs the plugin or Vitest's globals",
  },
  'vitest.taskHooks': {
    runner: 'Vitest',
    does: 'hear every test start and end',
    internal: "`TestRunner.prototype.onBeforeTryTask` / `onAfterRetryTask` (Vitest's default runner, ≥ 4.1)",
    verified: 'Vitest 4.1, 5.1 (3.2 exports no runner: hooks, by design)',
    fallback: "each part's own `beforeEach`/`afterEach` around every test: two more task events a test",
  },
  'vitest.suiteHooks': {
    runner: 'Vitest',
    does: "reach a file's hooks, to run each in an async context of its own",
    internal: '`TestRunner.getSuiteHooks` (≥ 4.1), `getHooks` of `vitest/suite` (3.2, 4.0)',
    verified: 'Vitest 3.2, 4.1, 5.1',
    fallback:
      'what a `beforeAll`/`afterAll` leaves unhandled is blamed on its file, and a `beforeEach`/`afterEach` is not named as the hook',
  },
  'vitest.safeTimers': {
    runner: 'Vitest',
    does: "start the runner's own timers outside the test's async context",
    internal: "Vitest's safe timers, under `Symbol('vitest:SAFE_TIMERS')` on the global",
    verified: 'Vitest 3.2, 4.1, 5.1',
    fallback:
      "the leak recorder takes a creation stack for the runner's two timers a test (slower; never reported)",
  },
  'vitest.processListeners': {
    runner: 'Vitest',
    does: "take over Vitest's process listeners, to hand it the errors no test file can take",
    internal: "Vitest's own `unhandledRejection`/`uncaughtException` listeners on the worker's process",
    verified: 'Vitest 3.2, 4.1, 5.1',
    fallback: "an error that belongs to no file fails the run from Node instead of in Vitest's report",
  },
  'jest.circusState': {
    runner: 'Jest',
    does: "read jest-circus's state: the running test, the file's tests and hooks, Node's own process",
    internal: "the file global's `Symbol('JEST_STATE_SYMBOL')`",
    verified: 'Jest 29.7, 30.5',
    fallback:
      "names come from `expect.getState()` (describe blocks joined by spaces), retries are not told apart, and an error no test's context claims is blamed on its file",
  },
  'jest.calls': {
    runner: 'Jest',
    does: "enter each test's and hook's async context as circus calls it",
    internal:
      "jest-circus's describe blocks (`rootDescribeBlock`, their `hooks` and `children`), each `fn` read as circus calls it",
    verified: 'Jest 29.7, 30.5',
    fallback: 'an error or a handle a test or hook leaves is blamed on its file, not on the test',
  },
  'jest.eventHandlers': {
    runner: 'Jest',
    does: 'hear every test start and end',
    internal:
      "jest-circus's event handlers under `Symbol.for('EVENT_HANDLERS')` on the file's global (Jest 30)",
    verified: 'Jest 30.5 (29.7 keeps them out of reach: hooks, by design)',
    fallback:
      "rejections judges each test in an `afterEach` of its own, kept last among the file's root hooks",
  },
  'jest.rootHooks': {
    runner: 'Jest',
    does: "run the parts' `afterAll` after the file's own",
    internal: "jest-circus's `rootDescribeBlock.hooks`, whose contents are moved",
    verified: 'Jest 29.7, 30.5',
    fallback:
      "the parts' `afterAll` runs before the file's own: what the file's `afterAll` does is counted outside the file",
  },
} as const satisfies Record<string, Capability>

/** A capability's key: `runner.what`. */
export type CapabilityKey = keyof typeof CAPABILITIES

/** How a capability went in this process: used, not offered by this version (by design), or missing. */
export type CapabilityOutcome = 'held' | 'not offered' | 'fell back'

/**
 * Variables for tests and the compatibility canary: `STEADFAST_FALLBACK=key,key` (or `all`) takes
 * the public way as if the internal were gone; `STEADFAST_CAPABILITIES_LOG=file` appends one line
 * per capability a process asked for: `<pid> <key> <outcome>`.
 */
const FORCE_ENV = 'STEADFAST_FALLBACK'
const LOG_ENV = 'STEADFAST_CAPABILITIES_LOG'

const SEEN = Symbol.for('steadfast.core.capabilities')

/** What this process asked, kept on Node's own process: every copy of core in it shares it. */
function seen(): Map<CapabilityKey, CapabilityOutcome> {
  const holder = realProcess() as unknown as { [SEEN]?: Map<CapabilityKey, CapabilityOutcome> }
  holder[SEEN] ??= new Map()
  return holder[SEEN]
}

/**
 * Whether `key` may be used, given whether its feature check `found` the internal (`undefined`:
 * this version does not offer it, and the public way is the design). The first time a capability
 * is missing in a process, one line says which, on which version, and what is less exact now.
 */
export function hasCapability(key: CapabilityKey, found: boolean | undefined): boolean {
  // Asked again (each test file, each timer a leak scan sees): settled by the first answer, as
  // long as the check finds the same.
  const outcomes = seen()
  const known = outcomes.get(key)
  if (known === 'held' && found === true) return true
  if (known === 'not offered' && found === undefined) return false
  const forced = forcedOff(key)
  const outcome: CapabilityOutcome =
    found === undefined ? 'not offered' : found && !forced ? 'held' : 'fell back'
  if (known === undefined) {
    outcomes.set(key, outcome)
    const log = process.env[LOG_ENV]
    if (log) appendFileSync(log, `${process.pid} ${key} ${outcome}\n`)
    if (outcome === 'fell back') notice(key)
  }
  return outcome === 'held'
}

/** Whether `STEADFAST_FALLBACK` asks for the public way in place of `key`. */
function forcedOff(key: CapabilityKey): boolean {
  const raw = process.env[FORCE_ENV]
  if (!raw) return false
  return raw.split(',').some((item) => {
    const name = item.trim()
    return name === 'all' || name === key
  })
}

function notice(key: CapabilityKey): void {
  const capability: Capability = CAPABILITIES[key]
  realProcess().stderr.write(
    `[steadfast] ${runnerVersion(capability.runner)}: cannot ${capability.does} (${capability.internal}, verified on ${capability.verified}); going on without it: ${capability.fallback}.\n`,
  )
}

/** The runner's name and version as it runs, for the notice. */
function runnerVersion(runner: Capability['runner']): string {
  if (runner === 'Node') return `Node ${process.version}`
  const version = runner === 'Jest' ? jestVersion() : vitestVersion()
  return version ? `${runner} ${version}` : runner
}

function vitestVersion(): string | undefined {
  try {
    return (createRequire(join(process.cwd(), 'package.json'))('vitest/package.json') as { version: string })
      .version
  } catch {
    return undefined
  }
}

// Not named `jest`: Jest's module wrapper declares that name around every CommonJS module it loads.
let circusVersion: string | null | undefined

/**
 * The version of the jest-circus that runs this process's tests, read once: from its own files
 * among the modules Node has loaded (under any install layout, where the project root may not
 * resolve it), else from the project's `jest`.
 */
export function jestVersion(): string | undefined {
  if (circusVersion !== undefined) return circusVersion ?? undefined
  circusVersion = null
  const load = createRequire(join(process.cwd(), 'package.json'))
  const loaded = Object.keys(load.cache ?? {}).find((file) => /[\\/]jest-circus[\\/]build[\\/]/.test(file))
  const packageJson = loaded
    ? join(loaded.slice(0, loaded.search(/[\\/]build[\\/]/)), 'package.json')
    : 'jest/package.json'
  try {
    circusVersion = (load(packageJson) as { version: string }).version
  } catch {}
  return circusVersion ?? undefined
}
