// One spawned process: detached, so it leads a process group of its own and the whole tree can be
// killed as one; its output followed; its end known from the exit event (no polling).
import { type ChildProcess, spawn } from 'node:child_process'
import { untracked } from '@steadfast/core'
import { Output } from './_output.js'
import { hasProc, PF_EXITING, type ProcessId, readStat, treeOf } from './_proc.js'
import { killTree, type Tree } from './_tree.js'
import { within } from './_within.js'
import type { ProcessExit } from './handle.js'

/** What to spawn, templates expanded. */
export interface SpawnSpec {
  command: string
  args: string[]
  cwd: string
  env: NodeJS.ProcessEnv
  logLines: number
}

export class Instance {
  readonly child: ChildProcess
  readonly output: Output
  /** Pid and start time; start 0 when /proc cannot be read. */
  readonly id: ProcessId
  /** Set by the exit event. */
  exit: ProcessExit | undefined
  /** Set when spawn itself failed (ENOENT, EACCES...). */
  spawnError: Error | undefined
  /** Resolves once the process has exited, or failed to spawn. */
  readonly exited: Promise<ProcessExit>
  /** Descendants seen while it ran, outside its group perhaps (setsid). */
  readonly members = new Map<number, ProcessId>()
  /** Resolves on 'close': exited, and every stdio handle closed. */
  readonly #closed: Promise<unknown>

  constructor(spec: SpawnSpec) {
    this.output = new Output(spec.logLines)
    this.child = untracked(() =>
      spawn(spec.command, spec.args, {
        cwd: spec.cwd,
        env: spec.env,
        // A group leader of its own: one kill(-pgid) reaches every descendant that stays in the group,
        // and Ctrl-C in the runner's terminal does not reach it before teardown does.
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    )
    this.#closed = new Promise((resolve) => this.child.once('close', resolve))
    this.output.follow('stdout', this.child.stdout)
    this.output.follow('stderr', this.child.stderr)
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exit = { code, signal }
        resolve(this.exit)
      })
      this.child.once('error', (error) => {
        // An 'error' without a pid is a failed spawn; with one it is a failed kill(), ignored.
        if (this.child.pid !== undefined) return
        this.spawnError = error
        this.exit = { code: null, signal: null }
        resolve(this.exit)
      })
    })
    const pid = this.child.pid ?? -1
    this.id = { pid, start: pid > 0 ? (readStat(pid)?.start ?? 0) : 0 }
  }

  /** Whether it has exited (or never started). */
  get dead(): boolean {
    return this.exit !== undefined
  }

  /**
   * Whether it is exiting or has exited without Node having seen it yet (the exit event is on its
   * way): the kernel flags a process PF_EXITING from the first step of its exit, before it has
   * closed its sockets, and it is a zombie once done.
   */
  exiting(): boolean {
    if (this.dead || this.id.pid <= 0) return false
    const stat = readStat(this.id.pid)
    // Gone from /proc: reaped, its exit event due. Without /proc at all, nothing can be told.
    if (stat === undefined) return hasProc()
    return stat.start === this.id.start && (stat.state === 'Z' || (stat.flags & PF_EXITING) !== 0)
  }

  /** Records its live descendants (from /proc), so a setsid one is found even once its parent dies. */
  recordMembers(): ProcessId[] {
    if (this.id.pid <= 0) return []
    for (const member of treeOf([this.id.pid])) this.members.set(member.pid, member)
    return [...this.members.values()]
  }

  /** The tree to kill: the group it leads and every descendant recorded. */
  tree(): Tree {
    if (!this.dead) this.recordMembers()
    return { leader: this.id, members: [...this.members.values()] }
  }

  /** Sends `signal` to this process only (a test's own crash: not marked as ours). */
  signal(signal: NodeJS.Signals): void {
    if (this.dead) return
    this.child.kill(signal)
  }

  /**
   * Kills the whole tree: `signal`, then SIGKILL after `timeout` ms. Resolves once the tree is gone
   * and the exit event has come.
   */
  async stop(signal: NodeJS.Signals, timeout: number): Promise<void> {
    if (this.id.pid <= 0) return
    const tree = this.tree()
    await killTree(tree, signal, timeout)
    // The exit event follows the kill at once, unless the process is stuck in the kernel.
    await within(this.exited, 1000)
    // Close our ends of the pipes: a grandchild that kept them open must not keep the worker alive.
    // Then wait for 'close' (every stdio handle closed): a handle still closing when the file ends
    // would read as one the file left open.
    this.child.stdout?.destroy()
    this.child.stderr?.destroy()
    if (!this.spawnError) await within(this.#closed, 1000)
  }
}
