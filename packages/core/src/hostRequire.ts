import { createRequire as sandboxCreateRequire } from 'node:module'

/**
 * Node's own `createRequire`, also inside a Jest sandbox. There, `createRequire` from `node:module`
 * and `process.getBuiltinModule` both lead into Jest's module registry, which evaluates a module
 * again for every test file; a module loaded with this one is evaluated once per worker, outside
 * the sandboxes. jest-circus keeps the real process in its state as `parentProcess`, and that
 * process's `getBuiltinModule` (Node ≥ 20.16) is Node's. Elsewhere it is `createRequire` itself.
 *
 * @example
 * // jest.ts, in a test file's sandbox: the runtime is shared by every file of the worker
 * const { runtime } = hostCreateRequire()(sibling('jest.js'))('./_runtime.js')
 */
export function hostCreateRequire(
  parent: NodeJS.Process | undefined = jestParentProcess(),
): typeof sandboxCreateRequire {
  const builtin = parent?.getBuiltinModule?.('node:module') as
    | { createRequire?: typeof sandboxCreateRequire }
    | undefined
  return builtin?.createRequire ?? sandboxCreateRequire
}

/**
 * Node's own `process` as jest-circus keeps it (`parentProcess` in its state, under a private
 * Symbol('JEST_STATE_SYMBOL') on the test file's global), for code evaluated in a Jest sandbox;
 * undefined elsewhere. Listing the global's symbols is slow (≈ 24 µs): call it once per file.
 */
export function jestParentProcess(): NodeJS.Process | undefined {
  const key = Object.getOwnPropertySymbols(globalThis).find((s) => s.description === 'JEST_STATE_SYMBOL')
  return key
    ? (globalThis as Record<symbol, { parentProcess?: NodeJS.Process } | undefined>)[key]?.parentProcess
    : undefined
}
