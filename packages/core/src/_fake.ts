/**
 * Whether `fn` was put in place by a fake-timer library rather than by Node.
 *
 * @sinonjs/fake-timers (behind Vitest's and Jest's modern fakes) tags every fake with `.clock`;
 * Jest's legacy fakes are `jest.fn()` mocks, tagged `_isMockFunction`.
 */
export function isFake(fn: unknown): boolean {
  if (typeof fn !== 'function') return true
  const tagged = fn as { clock?: unknown; _isMockFunction?: unknown }
  return tagged.clock !== undefined || tagged._isMockFunction === true
}
