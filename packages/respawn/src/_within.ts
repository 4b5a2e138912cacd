import { setRealTimeout } from '@steadfast/core'

/**
 * `promise`'s value, or undefined once `ms` real milliseconds have passed first. The timer is
 * cleared either way: none is left to keep the worker alive (or to show up as a test's leak).
 */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let cancel: (() => void) | undefined
  const timeout = new Promise<undefined>((resolve) => {
    cancel = setRealTimeout(() => resolve(undefined), ms)
  })
  return Promise.race([promise, timeout]).finally(() => cancel?.())
}
