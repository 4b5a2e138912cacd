// A real watcher, run as a developer runs one: started, left to finish its first run, given one
// edit, left to finish the rerun, then stopped. Shared by the Vitest and Jest watch tests.
import { type ChildProcess, spawn } from 'node:child_process'
import type { RunnerInfo } from '../harness/index.js'

/**
 * Starts `info`'s CLI with `args` in `dir`, waits until `marker` (a global RegExp) has matched its
 * output once, calls `edit`, waits until it has matched twice, lets late output come out, and stops
 * it. Returns all it printed, stdout and stderr as they came, and stdout alone: what comes through
 * two pipes interleaves by chance, so an order is asserted on one of them. The calling test's
 * timeout bounds it.
 */
export async function watchOneEdit(
  info: RunnerInfo,
  dir: string,
  args: string[],
  marker: RegExp,
  edit: () => void,
): Promise<{ output: string; stdout: string }> {
  const child: ChildProcess = spawn(info.node, [info.bin, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', FORCE_COLOR: '0', CI: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
    // A group of its own: Jest's workers are stopped with it, not left writing into the project.
    detached: true,
  })
  let output = ''
  let stdout = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
    stdout += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const seen = async (count: number): Promise<void> => {
    while ((output.match(marker) ?? []).length < count) await new Promise((r) => setTimeout(r, 50))
  }
  try {
    await seen(1)
    edit()
    await seen(2)
    // Let anything that would print late (a summary that waits for quit) come out.
    await new Promise((r) => setTimeout(r, 500))
  } finally {
    await stopGroup(child)
  }
  return { output, stdout }
}

/** SIGTERM to the watcher's process group (SIGKILL after 5 s), then waits until none of it is left. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const group = child.pid
  if (group === undefined) return
  const alive = (): boolean => {
    try {
      process.kill(-group, 0)
      return true
    } catch {
      return false
    }
  }
  try {
    process.kill(-group, 'SIGTERM')
  } catch {
    return
  }
  const kill = setTimeout(() => {
    try {
      process.kill(-group, 'SIGKILL')
    } catch {
      // Gone already.
    }
  }, 5000)
  while (alive()) await new Promise((r) => setTimeout(r, 50))
  clearTimeout(kill)
}
