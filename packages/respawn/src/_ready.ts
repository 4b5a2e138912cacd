// Waiting for readiness: the check passes, OR the process exits, OR startTimeout runs out,
// whichever comes first. A process that dies at start fails at once instead of waiting out the
// whole timeout (what most readiness probes do).
import { setRealTimeout } from '@steadfast/core'
import type { Instance } from './_instance.js'
import { describeProbe, type Probe, probeOnce } from './_probes.js'
import type { DegradedReason } from './errors.js'
import type { ProcessHandle } from './handle.js'

/** A ready check with templates expanded. */
export type ReadyCheck = Probe | { kind: 'log'; pattern: RegExp; timeout: number | undefined }

/** Why a start failed. */
export interface StartFailure {
  reason: DegradedReason
  what: string
  cause?: unknown
}

/** Ms between two attempts of an http, tcp or function ready check. */
const READY_INTERVAL = 10

export function waitReady(
  instance: Instance,
  check: ReadyCheck | undefined,
  handle: ProcessHandle,
  startTimeout: number,
): Promise<true | StartFailure> {
  return new Promise((resolve) => {
    let done = false
    const cleanups: Array<() => void> = []
    const finish = (result: true | StartFailure): void => {
      if (done) return
      done = true
      for (const cleanup of cleanups) cleanup()
      resolve(result)
    }

    void instance.exited.then(() => {
      if (instance.spawnError) {
        finish({
          reason: 'start-failed',
          what: `it could not be started (${instance.spawnError.message})`,
          cause: instance.spawnError,
        })
      } else {
        finish({ reason: 'exited-before-ready', what: 'it exited before it was ready' })
      }
    })

    const timeout =
      check?.kind === 'log' ? Math.min(check.timeout ?? startTimeout, startTimeout) : startTimeout
    let last = ''
    cleanups.push(
      setRealTimeout(() => {
        const what = check
          ? `its ready check (${check.kind === 'log' ? `a line matching ${check.pattern}` : describeProbe(check)}) did not pass within ${timeout} ms${last ? `; last attempt: ${last}` : ''}`
          : `it did not start within ${timeout} ms`
        finish({ reason: 'ready-timeout', what })
      }, timeout),
    )

    if (!check) {
      // Ready once spawned: an exec failure (ENOENT) comes as 'error' instead, handled above.
      instance.child.once('spawn', () => finish(true))
      return
    }
    if (check.kind === 'log') {
      const { pattern } = check
      const logs = instance.output.logs()
      if ([...logs.stdout, ...logs.stderr].some((line) => pattern.test(line))) return finish(true)
      cleanups.push(instance.output.watch((line) => pattern.test(line) && finish(true)))
      return
    }
    // One pause at a time, cancelled by finish(): nothing of the loop outlives the wait.
    let pause: (() => void) | undefined
    cleanups.push(() => pause?.())
    const attempt = async (): Promise<void> => {
      while (!done) {
        const result = await probeOnce(check, handle)
        if (result === true) return finish(true)
        last = result
        if (done) return
        await new Promise<void>((wake) => {
          const cancel = setRealTimeout(wake, READY_INTERVAL)
          pause = () => {
            cancel()
            wake()
          }
        })
      }
    }
    void attempt()
  })
}
