import { isSteadfastError } from './errors.js'
import { guarded } from './ownFault.js'
import type { VitestContextLike } from './vitestConfig.js'

/** What a part does in Vitest's main process around a run. */
export interface VitestRunHooks {
  /** Before the run's tests: clears what an earlier run left. */
  start?: () => void | Promise<void>
  /**
   * Once the run's tests are over: merges the workers' artifacts, prints, writes. May throw to fail
   * the run. `run` is what Vitest's `onTestRunEnd` gave, in watch mode only.
   */
  end: (run?: VitestRunEnd) => void | Promise<void>
}

/** The arguments of Vitest's `onTestRunEnd`, passed through for the umbrella's overview. */
export interface VitestRunEnd {
  modules: readonly unknown[]
  errors: readonly unknown[]
  reason?: string
}

interface PartState {
  hooks: VitestRunHooks
  /** How many projects have set this part up and not yet torn it down. */
  setups: number
}

interface RunState {
  parts: Map<string, PartState>
  /** Vitest instances (and part keys) whose hooks were added already. */
  seen: WeakMap<object, Set<string>>
  watching: boolean
  /** Runs that ended in watch mode: the next run start clears what they left. */
  ended: number
}

// One per process, whoever loads this module: Vitest loads each global setup file through each
// project's own module runner, and the plugins through Node, so every one has its own copy.
const STATE = Symbol.for('steadfast.vitestRun')
type WithState = typeof globalThis & { [STATE]?: RunState }

function state(): RunState {
  const holder = globalThis as WithState
  holder[STATE] ??= { parts: new Map(), seen: new WeakMap(), watching: false, ended: 0 }
  return holder[STATE]
}

/** Keeps the umbrella's end last: it reports what the parts handed in. */
const LAST = 'steadfast'

/**
 * A part's global setup, for Vitest to call once per project that loads it (`test.projects` with
 * `extends: true` loads it in every project, and the root's too). The part's `start` runs at the
 * first setup and its `end` at the last teardown, so one run gets one summary and one artifact
 * whatever the number of projects; in watch mode `end` runs at each run's end instead (see
 * `followVitestRuns`), and the teardown on quit does nothing more.
 *
 * @example export const setup = vitestGlobalSetup('rejections', { start: clear, end: report })
 */
export function vitestGlobalSetup(part: string, hooks: VitestRunHooks): () => Promise<() => Promise<void>> {
  return async () => {
    const run = state()
    let entry = run.parts.get(part)
    if (!entry) {
      entry = { hooks, setups: 0 }
      run.parts.set(part, entry)
      await guarded(part, 'start', 'at the start of the run', () => hooks.start?.())
    }
    entry.setups += 1
    const mine = entry
    return async () => {
      mine.setups -= 1
      if (mine.setups > 0) return
      run.parts.delete(part)
      if (!run.watching) await guarded(part, 'end', 'at the end of the run', () => mine.hooks.end())
    }
  }
}

/**
 * Returns true the first time it is called for this Vitest instance and `key`: `configureVitest`
 * runs once per project, and what it adds to the run (a reporter) must be added once.
 */
export function firstForVitest({ vitest }: VitestContextLike, key: string): boolean {
  const run = state()
  const keys = run.seen.get(vitest) ?? new Set<string>()
  run.seen.set(vitest, keys)
  if (keys.has(key)) return false
  keys.add(key)
  return true
}

/**
 * In watch mode, gives each run and rerun its own summary: a reporter ends every part set up by
 * `vitestGlobalSetup` when the run ends (the umbrella's last) and starts them again before a rerun,
 * so nothing adds up across reruns. Call it from every part's `configureVitest`; it adds one
 * reporter per Vitest instance. Outside watch mode the global teardowns end the run.
 */
export function followVitestRuns(context: VitestContextLike): void {
  const { vitest } = context
  if (!vitest.config.watch || vitest.config.mergeReports) return
  if (!firstForVitest(context, 'steadfast:runs')) return
  const run = state()
  run.watching = true
  const ordered = (): Array<[string, PartState]> =>
    [...run.parts.entries()].sort(([a], [b]) => Number(a === LAST) - Number(b === LAST))
  vitest.config.reporters.push({
    async onTestRunStart() {
      if (run.ended === 0) return
      for (const [key, part] of ordered())
        await guarded(key, 'start', 'at the start of the run', () => part.hooks.start?.())
    },
    async onTestRunEnd(modules: readonly unknown[], errors: readonly unknown[], reason?: string) {
      run.ended += 1
      for (const [key, part] of ordered()) {
        try {
          await guarded(key, 'end', 'at the end of the run', () =>
            part.hooks.end({ modules, errors, reason }),
          )
        } catch (error) {
          // Watch mode has no exit code to fail: a verdict is printed, and the next run goes on.
          console.error(
            isSteadfastError(error) ? error.message : error instanceof Error ? error.stack : String(error),
          )
        }
      }
    },
  })
}
