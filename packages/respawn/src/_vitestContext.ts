// What the Vitest adapters read from a test context: the full test name, whether it is a retry,
// and how to annotate it (Vitest ≥ 3.2 has `context.annotate`; before that, the task's meta).
import type { TestInfo } from './session.js'

interface Task {
  name: string
  suite?: Task
  filepath?: string
  result?: { retryCount?: number }
  meta?: Record<string, unknown>
}

interface Context {
  task?: Task
  annotate?: (message: string, type?: string) => Promise<unknown>
}

export function vitestTestInfo(context: unknown): TestInfo {
  const task = (context as Context | undefined)?.task
  if (!task) return { name: undefined, retry: false }
  const names: string[] = []
  // Up to, not including, the file itself (the only task with a `filepath`).
  for (let t: Task | undefined = task; t && t.filepath === undefined; t = t.suite) names.unshift(t.name)
  return { name: names.join(' > '), retry: (task.result?.retryCount ?? 0) > 0 }
}

export async function vitestAnnounce(context: unknown, message: string): Promise<void> {
  // A live line in the test's output, whatever the reporter.
  console.warn(message)
  const ctx = context as Context | undefined
  if (typeof ctx?.annotate === 'function') {
    await ctx.annotate(message, 'steadfast/respawn')
  } else if (ctx?.task) {
    ctx.task.meta ??= {}
    ctx.task.meta.steadfastRespawn = message
  }
}
