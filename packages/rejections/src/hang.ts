import { realProcess } from './_context.js'
import type { LeakRecorder } from './leaks.js'

const RUNTIME = Symbol.for('steadfast.rejections.runtime')

/**
 * Arms the hang report, once the run is over: should something keep the process alive for
 * `timeout` more ms, print what it is (with the stacks that created it, for what this process
 * recorded) and exit with code 1, rather than leave a CI job hanging. The timer is unref'd: a
 * process that can exit, exits, and never sees it.
 */
export function armHangReport(timeout: number, runner: string): void {
  if (timeout <= 0) return
  const timer = setTimeout(() => {
    const recorder = (realProcess() as unknown as Record<symbol, { leaks?: LeakRecorder } | undefined>)[
      RUNTIME
    ]?.leaks
    const open = recorder?.stillOpen() ?? []
    const types = new Map<string, number>()
    for (const type of process.getActiveResourcesInfo()) {
      if (type !== 'TTYWrap') types.set(type, (types.get(type) ?? 0) + 1)
    }
    const lines = [
      `[steadfast/rejections] The ${runner} run has finished, but the process is still alive ${timeout} ms later. What keeps it alive:`,
      ...open.map(
        (h) =>
          `  - ${h.kind} (${h.type}) from ${h.owner}, created at ${h.origin ?? '(no frame in your code)'}\n${h.stack.replace(/^/gm, '      ')}`,
      ),
      `  Active resources by type: ${[...types].map(([t, n]) => `${t} × ${n}`).join(', ') || 'none'}`,
      'Close these handles in the test or hook that opened them (afterEach/afterAll). Exiting with code 1.',
    ]
    process.stderr.write(`${lines.join('\n')}\n`)
    process.exit(1)
  }, timeout)
  timer.unref()
}
