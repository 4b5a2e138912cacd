import type { AsyncLocalStorage } from 'node:async_hooks'
import { realProcess } from '@steadfast/core'

// @steadfast/rejections keeps the async context of the running test or file in one
// AsyncLocalStorage per process, under this registry symbol, and lists the handles created inside
// that context which are still open when the owner ends.
const REJECTIONS_STORAGE = Symbol.for('steadfast.rejections.storage')

/**
 * Runs `fn` outside the test's async context. The processes this package spawns (and its
 * watchdog) belong to the file's session, which kills them itself; created inside a test's
 * context they would be listed as handles that test left open.
 */
export function untracked<T>(fn: () => T): T {
  const holder = realProcess() as unknown as Record<symbol, AsyncLocalStorage<unknown> | undefined>
  const storage = holder[REJECTIONS_STORAGE]
  return storage ? storage.exit(fn) : fn()
}
