// Killing a whole process tree: the process group the child leads, plus descendants that left the
// group (setsid), which must be listed before anything is killed (a dead parent no longer leads to
// them). Nothing is signalled unless its pid and start time match what was recorded.
import { realNow, setRealTimeout } from '@steadfast/core'
import { groupAlive, isRunning, type ProcessId, readStat } from './_proc.js'

/** A tree to kill: the group its leader leads and the descendants seen outside that group. */
export interface Tree {
  /** The group leader (the spawned child); its pid is the group id. */
  leader: ProcessId
  /** Descendants recorded while the tree lived (possibly outside the group). */
  members: ProcessId[]
}

/** Sends `signal` to the group and to every recorded member that is still the same process. */
export function signalTree(tree: Tree, signal: NodeJS.Signals): void {
  // A pid cannot be reused while a group of that id has members; so when the leader's pid now
  // names another process, our group is empty and that pid's group is someone else's.
  const leader = readStat(tree.leader.pid)
  if (!leader || leader.start === tree.leader.start) {
    try {
      process.kill(-tree.leader.pid, signal)
    } catch {
      // the group is empty
    }
  }
  for (const member of tree.members) {
    if (!isRunning(member)) continue
    try {
      process.kill(member.pid, signal)
    } catch {
      // gone meanwhile
    }
  }
}

/** Whether any process of the tree still runs (zombies excepted). */
export function treeAlive(tree: Tree): boolean {
  const leader = readStat(tree.leader.pid)
  if (leader && leader.start === tree.leader.start && leader.state !== 'Z') return true
  if (tree.members.some(isRunning)) return true
  return (!leader || leader.start === tree.leader.start) && groupAlive(tree.leader.pid)
}

const POLL_MS = 10

/** Resolves true once nothing of the tree runs, false when `timeout` ms pass first. */
export function treeGone(tree: Tree, timeout: number): Promise<boolean> {
  return new Promise((resolve) => {
    // Grandchildren are not our children: no exit event reaches us for them, so this polls.
    // It only runs during teardown, never before a test.
    const started = realNow()
    const check = (): void => {
      if (!treeAlive(tree)) resolve(true)
      else if (realNow() - started >= timeout) resolve(false)
      else setRealTimeout(check, POLL_MS)
    }
    check()
  })
}

/**
 * Kills the tree: `signal` first, then SIGKILL for whatever still runs after `timeout` ms.
 * Resolves once nothing of it runs (or, past a final second after SIGKILL, gives up: a process in
 * uninterruptible sleep cannot be hurried).
 */
export async function killTree(tree: Tree, signal: NodeJS.Signals, timeout: number): Promise<void> {
  signalTree(tree, signal)
  if (signal !== 'SIGKILL' && (await treeGone(tree, timeout))) return
  signalTree(tree, 'SIGKILL')
  await treeGone(tree, 1000)
}
