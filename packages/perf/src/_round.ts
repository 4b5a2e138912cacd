// One round: a fresh tinybench Bench with both arms in a random order, each for about `time` ms.
// Interleaving rounds is what cancels the noise of a busy machine (PERF.md): whatever slows one
// arm in a round slows its partner a few milliseconds later too.
import { realNow, realProcess } from '@steadfast/core'
import type { Bench as BenchClass } from 'tinybench'
import type { Arm } from './_arm.js'
import { sibling } from './_here.js'
import { threw } from './guards.js'

/** The median time per call of each arm in one round, in ms, in the order the arms were given. */
export type RoundResult = number[]

/** Where the random order comes from; tests inject a seeded one. */
export type Random = () => number

let Bench: typeof BenchClass | undefined

/**
 * tinybench, loaded on first use with Node's own require (an ES module, which Node ≥ 20.19 loads
 * synchronously). Not a static import: under Jest a test file that imports this package (or
 * `steadfast`) goes through Jest's module registry, which cannot load an ES module at all; the real
 * process leads to Node's loader.
 */
function loadBench(): typeof BenchClass {
  if (Bench) return Bench
  const { createRequire } = realProcess().getBuiltinModule('node:module') as typeof import('node:module')
  Bench = (createRequire(sibling('_round.js'))('tinybench') as typeof import('tinybench')).Bench
  return Bench
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

/**
 * Runs one round of every arm in random order, each arm for `time` ms of samples, and returns the
 * median per-call time of each, in the arms' own order.
 *
 * @throws PerfInputError (STEADFAST_PERF_THREW) when an arm throws while being timed.
 */
export async function runRound(
  arms: readonly Arm[],
  time: number,
  matcher: string,
  random: Random = Math.random,
): Promise<RoundResult> {
  const order = shuffled(
    arms.map((arm, index) => ({ arm, index })),
    random,
  )
  const async = arms.some((arm) => arm.async)
  const medians: number[] = new Array(arms.length).fill(Number.NaN)
  const bench = new (loadBench())({
    time,
    // A floor of a few samples when one batch is already longer than the round's time per arm.
    iterations: 3,
    warmup: false,
    retainSamples: true,
    throws: true,
    // The real clock captured before any test could fake one.
    now: realNow,
  })
  for (const { arm, index } of order) bench.add(String(index), arm.run, { async: arm.async })
  try {
    if (async) await bench.run()
    else bench.runSync()
  } catch (error) {
    const failed = order.find(({ index }) => bench.getTask(String(index))?.result.state === 'errored')
    throw threw(failed?.arm.label ?? 'a measured function', matcher, unwrap(error))
  }
  for (const task of bench.tasks) {
    const index = Number(task.name)
    const result = task.result
    if (result.state !== 'completed') continue
    medians[index] = result.latency.p50 / (arms[index] as Arm).batch
  }
  maybeGc()
  return medians
}

// tinybench wraps a task's error; report the user's own.
function unwrap(error: unknown): unknown {
  const cause = (error as { cause?: unknown } | null)?.cause
  return cause ?? error
}

const gc = (globalThis as { gc?: () => void }).gc

/** Collects garbage between rounds when Node runs with --expose-gc, so no round pays for another's. */
function maybeGc(): void {
  gc?.()
}
