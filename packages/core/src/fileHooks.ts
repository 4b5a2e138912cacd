// The file-level hooks the parts register for their own work, gathered by core into one
// `beforeAll` and one `afterAll` a test file for every part, in Vitest and in Jest: each hook a
// runner has costs it in every file (a timeout timer, task events; in Jest a captured stack to
// register it), whatever the hook does (docs/design/overhead.md).

type Hook = (...args: unknown[]) => unknown

/** Where a part's runtime registers its file-level hooks (core runs them in one hook of the runner's). */
export interface FileHooks {
  /** Runs in the file's `beforeAll`, in the order registered. */
  beforeAll(fn: Hook): void
  /** Runs in the file's `afterAll`, last registered first. */
  afterAll(fn: Hook): void
}

/**
 * Marks a hook function as Steadfast's: rejections leaves such hooks out of the async contexts it
 * gives the file's own hooks, and core finds its gathered hooks among the runner's by it.
 */
export const OUR_HOOK: unique symbol = Symbol.for('steadfast.hook') as never

/** A hook function marked as Steadfast's (`OUR_HOOK`). */
export type OurHook = Hook & { [OUR_HOOK]?: true }

/**
 * Runs every hook in turn, each even when one before it threw (one part's verdict must not skip
 * another's cleanup); the first error is thrown once all have run, with the others' messages.
 */
export async function runAll(self: unknown, hooks: readonly Hook[], args: ArrayLike<unknown>): Promise<void> {
  const errors: unknown[] = []
  for (const hook of hooks) {
    try {
      await hook.apply(self, Array.from(args))
    } catch (error) {
      errors.push(error)
    }
  }
  if (errors.length > 0) throw joinErrors(errors)
}

/** The first error, carrying the others' messages: each part's verdict is shown. */
export function joinErrors(errors: unknown[]): unknown {
  const [first, ...rest] = errors
  if (rest.length === 0 || !(first instanceof Error)) return first
  first.message = [first.message, ...rest.map((e) => (e instanceof Error ? e.message : String(e)))].join(
    '\n\n',
  )
  return first
}
