/** Default limit of `waitFor` and `waitForEvent`, in ms. Like Vitest's `vi.waitFor`. */
export const DEFAULT_TIMEOUT = 1000
/** Default pause between two checks of a `waitFor` predicate, in ms. */
export const DEFAULT_INTERVAL = 50
