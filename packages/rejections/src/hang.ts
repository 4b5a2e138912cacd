import { performance } from 'node:perf_hooks'
import { isMainThread } from 'node:worker_threads'
import { untracked } from '@steadfast/core'
import { realProcess } from './_context.js'
import type { LeakRecorder } from './leaks.js'

const RUNTIME = Symbol.for('steadfast.rejections.runtime')
// On the real process, so the copy of this module in each Jest test file finds the one timer.
const AFTER_FILE = Symbol.for('steadfast.rejections.hangAfterFile')

type Holder = {
  [RUNTIME]?: { leaks?: LeakRecorder }
  [AFTER_FILE]?: ReturnType<typeof setTimeout>
}

const holder = (): Holder => realProcess() as unknown as Holder

/** The share of a window the event loop may have been busy, for Jest to count as idle. */
const BUSY = 0.1

/**
 * Arms the hang report, once the run is over: should something keep the process alive for
 * `timeout` more ms, print what it is (with the stacks that created it, for what this process
 * recorded) and exit with code 1, rather than leave a CI job hanging. The timer is unref'd: a
 * process that can exit, exits, and never sees it.
 */
export function armHangReport(timeout: number, runner: string): void {
  // In band, the last file armed its own: this one says more (the run is known to be over).
  disarmAfterFile()
  if (timeout <= 0) return
  untracked(() =>
    setTimeout(
      () => reportHang(`The ${runner} run has finished, but the process is still alive ${timeout} ms later.`),
      timeout,
    ),
  ).unref()
}

/**
 * Jest in band (`--runInBand`, or a run of one file) runs the test files in its own process, and
 * with the setup file alone no reporter of ours is there to hear the run end: Jest's "did not exit
 * one second after the test run has completed" and a process that never ends. So the end of a
 * file that leaves a handle of its tests open arms the report here, and the start of the next
 * file (or the reporter, at the end of the run) disarms it. Never in a worker, which Jest ends
 * itself, nor in watch mode, which is meant to stay alive.
 */
export function armAfterFile(timeout: number): void {
  disarmAfterFile()
  if (timeout <= 0 || !inJestsOwnProcess() || watching()) return
  if ((holder()[RUNTIME]?.leaks?.stillOpen() ?? []).length === 0) return
  // Jest may be slow to start the next file (a loaded machine, a slow transform): it is busy then,
  // and a run that is over leaves the process idle but for what keeps it alive. A busy window
  // waits for the next one.
  const wait = (): void => {
    const since = performance.eventLoopUtilization()
    const timer = untracked(() =>
      setTimeout(() => {
        if (performance.eventLoopUtilization(since).utilization > BUSY) return wait()
        reportHang(
          `No test file has started in the ${timeout} ms since the last one ended, but Jest's process is still alive.`,
        )
      }, timeout),
    )
    timer.unref()
    holder()[AFTER_FILE] = timer
  }
  wait()
}

/** Called as a test file starts: the run goes on. */
export function disarmAfterFile(): void {
  const timer = holder()[AFTER_FILE]
  if (timer === undefined) return
  clearTimeout(timer)
  holder()[AFTER_FILE] = undefined
}

/** A worker of Jest's is a child process (`process.send`) or a worker thread; in band it is neither. */
function inJestsOwnProcess(): boolean {
  return isMainThread && typeof realProcess().send !== 'function'
}

/** `--watch` and `--watchAll` are command-line flags only (Jest's config file has no such key). */
function watching(): boolean {
  return realProcess().argv.some((arg) => /^--watch(All)?(=|$)/.test(arg))
}

function reportHang(headline: string): void {
  // The real process throughout: in band, Jest's sandbox wraps `process.exit` to print a stack of
  // its own.
  const real = realProcess()
  const open = holder()[RUNTIME]?.leaks?.stillOpen() ?? []
  const types = new Map<string, number>()
  for (const type of real.getActiveResourcesInfo()) {
    if (type !== 'TTYWrap') types.set(type, (types.get(type) ?? 0) + 1)
  }
  const lines = [
    `[steadfast/rejections] ${headline} What keeps it alive:`,
    ...open.map(
      (h) =>
        `  - ${h.kind} (${h.type}) from ${h.owner}, created at ${h.origin ?? '(no frame in your code)'}\n${h.stack.replace(/^/gm, '      ')}`,
    ),
    `  Active resources by type: ${[...types].map(([t, n]) => `${t} × ${n}`).join(', ') || 'none'}`,
    'Close these handles in the test or hook that opened them (afterEach/afterAll). Exiting with code 1.',
  ]
  real.stderr.write(`${lines.join('\n')}\n`)
  real.exit(1)
}
