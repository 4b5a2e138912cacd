import { hasCapability } from './capabilities.js'
import { OUR_HOOK } from './fileHooks.js'
import { type TakenListeners, takeProcessListeners } from './nodeSeam.js'
// jest-circus's state, as the packages' Jest setup files read it: which test runs, and its name.

/** A test as jest-circus keeps it (the parts Steadfast reads). */
export interface CircusTestLike {
  name: string
  invocations?: number
  parent?: CircusBlockLike
}

/** A describe block as jest-circus keeps it; the root block has no parent. */
export interface CircusBlockLike {
  name: string
  parent?: CircusBlockLike
}

/**
 * jest-circus's state for the test file running now: kept under a private
 * Symbol('JEST_STATE_SYMBOL') on the sandbox global (`sandbox`: the test file's global, which is
 * `globalThis` only for code Jest evaluated in the sandbox). Listing the global's symbols is slow
 * (≈ 24 µs): look it up once per file, not once per test. Call it only in a Jest test file.
 */
export function circusState<T = CircusStateLike>(sandbox: object = globalThis): T | undefined {
  const key = Object.getOwnPropertySymbols(sandbox).find((s) => s.description === 'JEST_STATE_SYMBOL')
  return hasCapability('jest.circusState', key !== undefined)
    ? ((sandbox as Record<symbol, unknown>)[key as symbol] as T)
    : undefined
}

/** jest-circus's state, as far as the parts read it through this module. */
export interface CircusStateLike {
  currentlyRunningTest?: CircusTestLike | null
}

/** The test jest-circus runs now (in its hooks too), from its state; undefined between tests. */
export function circusCurrentTest(circus: unknown): CircusTestLike | undefined {
  return (circus as CircusStateLike | undefined)?.currentlyRunningTest ?? undefined
}

/**
 * A test's full name as Vitest writes it and every Steadfast report uses: its describe blocks and
 * its title joined with " > " (Jest's own `currentTestName` joins them with spaces, which cannot
 * be split back).
 */
export function circusFullName(test: CircusTestLike): string {
  const names = [test.name]
  for (let block = test.parent; block?.parent; block = block.parent) names.unshift(block.name)
  return names.join(' > ')
}

type Fn = ((...args: unknown[]) => unknown) & { [OUR_HOOK]?: true }
type HookType = 'beforeAll' | 'afterAll' | 'beforeEach' | 'afterEach'

/** A test as jest-circus keeps it, as the calls below hand it on. */
export interface CircusTestCall extends CircusTestLike {
  fn: Fn
  concurrent?: boolean
  /** What fails the test: circus reports it failed when one is here when it ends. */
  errors: unknown[]
}
interface CircusHook {
  type: HookType
  fn: Fn
}
interface CircusBlock extends CircusBlockLike {
  type: 'describeBlock'
  hooks: CircusHook[]
  children: Array<CircusBlock | (CircusTestCall & { type: 'test' })>
}
interface CircusState {
  rootDescribeBlock?: CircusBlock
  currentlyRunningTest?: CircusTestCall | null
  parentProcess?: NodeJS.Process
  unhandledErrors?: unknown[]
}

/** A call jest-circus is about to make into the test file: a hook, or a test. */
export type CircusCall =
  | {
      kind: 'hook'
      type: HookType
      /** The describe block's name; undefined for the file's root hooks. */
      block: string | undefined
      /** The test a `beforeEach`/`afterEach` runs around (undefined for the others). */
      test: CircusTestCall | undefined
    }
  | { kind: 'test'; test: CircusTestCall }

/** What `onCircusCalls` does with each of the file's calls. */
export interface CircusCallsOptions {
  /** Runs as circus reads the function it is about to call, in the same synchronous run. */
  enter(call: CircusCall): void
  /** A concurrent test's function to run in its place: circus runs no `beforeEach`/`afterEach` around it. */
  concurrent(test: CircusTestCall, fn: Fn): Fn
}

const ENTERING = Symbol.for('steadfast.core.circusEntering')

/**
 * Has `enter` run as jest-circus reads each test's and hook's function to call it, for every test
 * and hook the file has registered by now (call it from the root `beforeAll`: Jest 29 starts
 * concurrent tests right after it; again later for blocks added since, which it skips where done).
 * Nothing of ours stands between circus and the user's function, so a stack the user's code
 * captures (or throws) reads as it does without Steadfast, and circus still sees the function's
 * own arity to pass `done`. Circus reads `fn` only there, and in a check just before it (Jest
 * 29.7, 30.5). Functions of ours (OUR_HOOK) are left as they are.
 */
export function onCircusCalls(circus: unknown, options: CircusCallsOptions): void {
  const state = circus as CircusState | undefined
  const root = state?.rootDescribeBlock
  if (
    !state ||
    !hasCapability('jest.calls', Array.isArray(root?.hooks) && Array.isArray(root?.children)) ||
    !root
  )
    return
  walk(root, state, options)
}

function walk(block: CircusBlock, state: CircusState, options: CircusCallsOptions): void {
  const name = block.parent ? block.name : undefined
  for (const hook of block.hooks) {
    const type = hook.type
    enterOnCall(hook, () =>
      options.enter({
        kind: 'hook',
        type,
        block: name,
        test:
          type === 'beforeEach' || type === 'afterEach'
            ? (state.currentlyRunningTest ?? undefined)
            : undefined,
      }),
    )
  }
  for (const child of block.children) {
    if (child.type !== 'test') walk(child, state, options)
    else if (child.concurrent) {
      if (!child.fn[OUR_HOOK]) child.fn = options.concurrent(child, child.fn)
    } else enterOnCall(child, () => options.enter({ kind: 'test', test: child }))
  }
}

function enterOnCall(target: { fn: Fn; [ENTERING]?: true }, enter: () => void): void {
  if (target[ENTERING]) return
  const fn = target.fn
  if (fn[OUR_HOOK]) return
  Object.defineProperty(target, ENTERING, { configurable: true, value: true })
  Object.defineProperty(target, 'fn', {
    configurable: true,
    enumerable: true,
    get() {
      enter()
      return fn
    },
    set(value: Fn) {
      delete target[ENTERING]
      Object.defineProperty(target, 'fn', { configurable: true, enumerable: true, writable: true, value })
    },
  })
}

/**
 * Moves `ours`, a root hook registered before the test file's own, after them: for an
 * `afterEach`, which circus reads from the list for each test (Jest 29, where no event handler
 * can judge a test after its hooks). Read without the accessor `onCircusCalls` put on the others.
 */
export function runRootHookLast(circus: unknown, ours: Fn): void {
  const hooks = (circus as CircusState | undefined)?.rootDescribeBlock?.hooks
  if (!hasCapability('jest.rootHooks', Array.isArray(hooks)) || !hooks) return
  const index = hooks.findIndex((hook) => Object.getOwnPropertyDescriptor(hook, 'fn')?.value === ours)
  if (index !== -1) hooks.push(...hooks.splice(index, 1))
}

/** The errors circus keeps for the file (an `afterAll`'s, and others no test owns), reported at its end. */
export function circusUnhandledErrors(circus: unknown): readonly unknown[] {
  return (circus as CircusState | undefined)?.unhandledErrors ?? []
}

/**
 * Takes jest-circus's own listeners for `events` off Node's process (circus puts them there at its
 * `setup` event, before the test file runs) and returns how to hand them an error, and how to put
 * them back when the file ends. Listeners others add meanwhile stay, and hear every error too.
 */
export function takeOverCircusListeners(circus: unknown, events: readonly string[]): TakenListeners {
  return takeProcessListeners((circus as CircusState | undefined)?.parentProcess ?? process, events)
}
