import { AsyncLocalStorage } from 'node:async_hooks'
import { OWNER_STORAGE, realProcess } from '@steadfast/core'

export { realProcess }

/** Whose async context an error was created in: a test, or a file (module load, beforeAll, afterAll). */
export interface Owner {
  kind: 'test' | 'file'
  /** Test file, relative to the project root. */
  file: string
  /** Full test name ("describe > test"), or what part of the file ran ("module load", "beforeAll"). */
  name: string
  /** Set when the owner has finished: an error that arrives later is late. */
  ended: boolean
  /** A beforeEach/afterEach run for a test: named as the hook, judged with the test (`test`). */
  hook?: 'beforeEach' | 'afterEach'
  /** The test a hook run belongs to. */
  test?: Owner
}

// Kept apart from the owners: an owner ends up in failures that runners serialise as JSON.
const hookOwners = new WeakMap<Owner, Partial<Record<'beforeEach' | 'afterEach', Owner>>>()

/** The owner of the `hook` runs around `test`: blamed by name, judged with the test. */
export function hookOwner(test: Owner, hook: 'beforeEach' | 'afterEach'): Owner {
  const hooks = hookOwners.get(test) ?? {}
  hookOwners.set(test, hooks)
  hooks[hook] ??= { kind: 'test', file: test.file, name: test.name, ended: false, hook, test }
  return hooks[hook]
}

/** The owner an error or handle is judged with: a hook run's test, or the owner itself. */
export function judgedWith(owner: Owner): Owner {
  return owner.test ?? owner
}

const KEY = OWNER_STORAGE
type Holder = { [KEY]?: AsyncLocalStorage<Owner> }

let storage: AsyncLocalStorage<Owner> | undefined

/**
 * The one store of the process. Kept on `process` under a registry symbol, so every copy of the
 * package (Jest loads one per test file, in its own vm context) reads and writes the same store.
 * Looked up once per copy: it is read at every handle creation.
 */
export function ownerStorage(): AsyncLocalStorage<Owner> {
  if (storage) return storage
  const holder = realProcess() as unknown as Holder
  holder[KEY] ??= new AsyncLocalStorage<Owner>()
  storage = holder[KEY]
  return storage
}
