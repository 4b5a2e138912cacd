/**
 * The stack frames of the user's call, taken when the call starts: the timer that later rejects
 * runs on an empty stack, so an error created then would point nowhere useful.
 */
export function captureCallSite(above: (...args: never[]) => unknown): string {
  const holder: { stack?: string } = {}
  Error.captureStackTrace(holder, above)
  const stack = holder.stack ?? ''
  const firstFrame = stack.indexOf('\n')
  return firstFrame === -1 ? '' : stack.slice(firstFrame)
}
