// An arm of a comparison: the function, called `batch` times per timed sample so one sample lasts
// about half a millisecond, far above the clock's ≈ 30–70 ns resolution.
import { realNow } from '@steadfast/core'
import { consume } from './_sink.js'
import type { Probed } from './guards.js'

/** One batch of calls. Sync arms return nothing; async arms a promise. */
export type Batch = () => unknown

/** A measured function with its batch size and the function that runs one batch. */
export interface Arm extends Probed {
  batch: number
  run: Batch
}

/** The time one sample should last, in ms: ≫ timer overhead, ≪ a round. */
export const SAMPLE_MS = 0.5

// Both arms (and the no-op) are built by these two function literals, so they share V8's feedback
// and tier: the wrapper costs every arm the same, and only the user's work differs.
function syncBatch(fn: () => unknown, count: number): Batch {
  return () => {
    for (let i = 0; i < count; i++) consume(fn())
  }
}

function asyncBatch(fn: () => unknown, count: number): Batch {
  return async () => {
    for (let i = 0; i < count; i++) consume(await fn())
  }
}

/** The function that runs `count` calls of `probed` as one sample. */
export function batchOf(probed: Probed, count: number): Batch {
  return probed.async ? asyncBatch(probed.fn, count) : syncBatch(probed.fn, count)
}

/** Times one run of `batch` on the real clock, in ms. */
export async function timeBatch(batch: Batch, async: boolean): Promise<number> {
  const start = realNow()
  if (async) await batch()
  else batch()
  return realNow() - start
}

/**
 * Doubles the batch size until one batch lasts at least SAMPLE_MS (or one call alone is longer),
 * then returns the arm ready to sample.
 */
export async function sizeArm(probed: Probed): Promise<Arm> {
  let count = 1
  for (;;) {
    const elapsed = await timeBatch(batchOf(probed, count), probed.async)
    if (elapsed >= SAMPLE_MS || count >= 2 ** 24) {
      // Scale to the target from what the last doubling measured, so samples land near SAMPLE_MS.
      const perCall = elapsed / count
      const batch = Math.max(1, Math.round(SAMPLE_MS / Math.max(perCall, 1e-9)))
      return { ...probed, batch, run: batchOf(probed, batch) }
    }
    count *= 2
  }
}

/**
 * The fastest per-call time of each arm over `samples` batches taken in turn (arm 1, arm 2, …,
 * arm 1, …). Load only ever adds time, so the minimum is what each costs; taken in turn, a burst of
 * load cannot make one arm look slow and the other fast, as two measurements one after the other
 * could (a loaded machine once made an empty function read 380 ns).
 */
export async function fastestPerCall(arms: readonly Arm[], samples = 9): Promise<number[]> {
  const fastest = arms.map(() => Number.POSITIVE_INFINITY)
  for (let i = 0; i < samples; i++) {
    for (const [index, arm] of arms.entries()) {
      const perCall = (await timeBatch(arm.run, arm.async)) / arm.batch
      fastest[index] = Math.min(fastest[index] as number, perCall)
    }
  }
  return fastest
}
