let real: NodeJS.Process | undefined

/**
 * Node's own `process`. Jest gives each test file a deep copy with its own listeners, on which
 * process events (`warning`, `unhandledRejection`) never fire; Jest's circus state keeps the real
 * one as `parentProcess`. Looked up once per copy of this module, while a test file runs: Jest
 * soft-deletes a file's globals afterwards and warns when they are read.
 */
export function realProcess(): NodeJS.Process {
  if (real) return real
  const key = Object.getOwnPropertySymbols(globalThis).find((s) => s.description === 'JEST_STATE_SYMBOL')
  const state = key
    ? ((globalThis as Record<symbol, unknown>)[key] as { parentProcess?: NodeJS.Process })
    : undefined
  real = state?.parentProcess ?? process
  return real
}
