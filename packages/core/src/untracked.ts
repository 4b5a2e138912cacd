import type { AsyncLocalStorage } from 'node:async_hooks'
import { realProcess } from './realProcess.js'

/**
 * Where @steadfast/rejections keeps the async context of the running test or file: one
 * AsyncLocalStorage per process, on the real process under this registry symbol, so every copy of
 * every package (Jest loads one per test file) finds the same one.
 */
export const OWNER_STORAGE: unique symbol = Symbol.for('steadfast.rejections.storage') as never

/**
 * Runs `fn` outside the running test's async context: what it creates (a process a package
 * manages itself, a watchdog) is not blamed on the test as a handle it left open.
 */
export function untracked<T>(fn: () => T): T {
  const holder = realProcess() as unknown as { [OWNER_STORAGE]?: AsyncLocalStorage<unknown> }
  const storage = holder[OWNER_STORAGE]
  return storage ? storage.exit(fn) : fn()
}
