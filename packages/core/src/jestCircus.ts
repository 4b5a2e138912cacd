// jest-circus's state, as the packages' Jest setup files read it: which test runs, and its name.

/** A test as jest-circus keeps it (the parts Steadfast reads). */
export interface CircusTestLike {
  name: string
  invocations?: number
  parent?: CircusBlockLike
}

/** A describe block as jest-circus keeps it; the root block has no parent. */
export interface CircusBlockLike {
  name: string
  parent?: CircusBlockLike
}

/**
 * jest-circus's state for the test file running now: kept under a private
 * Symbol('JEST_STATE_SYMBOL') on the sandbox global (`sandbox`: the test file's global, which is
 * `globalThis` only for code Jest evaluated in the sandbox). Listing the global's symbols is slow
 * (≈ 24 µs): look it up once per file, not once per test.
 */
export function circusState<T = { currentlyRunningTest?: CircusTestLike | null }>(
  sandbox: object = globalThis,
): T | undefined {
  const key = Object.getOwnPropertySymbols(sandbox).find((s) => s.description === 'JEST_STATE_SYMBOL')
  return key ? ((sandbox as Record<symbol, unknown>)[key] as T) : undefined
}

/**
 * A test's full name as Vitest writes it and every Steadfast report uses: its describe blocks and
 * its title joined with " > " (Jest's own `currentTestName` joins them with spaces, which cannot
 * be split back).
 */
export function circusFullName(test: CircusTestLike): string {
  const names = [test.name]
  for (let block = test.parent; block?.parent; block = block.parent) names.unshift(block.name)
  return names.join(' > ')
}
