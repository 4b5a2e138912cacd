// @steadfast-build: self-contained
// The Vitest side of a worker. From node_modules Vitest loads it once per worker as an external
// module, while it evaluates the setup file again for every test file.
import { relative } from 'node:path'
import { META_KEY } from './_meta.js'
import { perfWorker } from './_worker.js'

type Method = ((this: object, ...args: unknown[]) => unknown) & { [OURS]?: true }
const OURS = Symbol.for('steadfast.perf.dispatch')

/** The parts of `vitest` the setup uses, passed in so this module never imports `vitest` itself. */
export interface VitestApi {
  expect: {
    extend: (matchers: Record<string, unknown>) => void
    getState(): { testPath?: string }
  }
  afterAll: (fn: (...args: never[]) => unknown) => void
  chai?: { Assertion?: { prototype: object }; util?: { flag: (assertion: object, key: string) => unknown } }
}

/** Vitest ≥ 5's own test for a bench result (`latency.mean` a number). */
export function isBenchResult(value: unknown): boolean {
  const latency = (value as { latency?: { mean?: unknown } } | null)?.latency
  return typeof value === 'object' && value !== null && typeof latency?.mean === 'number'
}

// Vitest ≥ 5's own `toBeFasterThan` (bench results), kept once per worker before ours replaces it.
let theirs: Method | undefined

/**
 * Registers the matchers for one test file. On Vitest ≥ 5, `toBeFasterThan` becomes a dispatcher:
 * a bench result goes to Vitest's own matcher, anything else to ours (`expect.extend` alone
 * would silently replace theirs). `fileHooks` are the umbrella's shared file-level hooks, Vitest's
 * own when the part runs alone.
 */
export function installForFile(api: VitestApi, fileHooks: Pick<VitestApi, 'afterAll'> = api): void {
  const worker = perfWorker()
  const proto = api.chai?.Assertion?.prototype as Record<string, Method | undefined> | undefined
  const existing = proto?.toBeFasterThan
  if (existing && !existing[OURS] && !theirs) theirs = existing
  api.expect.extend(worker.matchers)
  const flag = api.chai?.util?.flag
  const ours = proto?.toBeFasterThan
  if (proto && theirs && ours && flag) {
    const vitests = theirs
    const dispatch: Method = function (this: object, ...args: unknown[]) {
      return (isBenchResult(flag(this, 'object')) ? vitests : ours).apply(this, args)
    }
    dispatch[OURS] = true
    proto.toBeFasterThan = dispatch
  }

  const testPath = api.expect.getState().testPath
  const file = testPath ? relative(process.cwd(), testPath) : undefined
  fileHooks.afterAll(function () {
    // The file's gates ride in its task meta: blob reports carry them to `--merge-reports`.
    // biome-ignore lint/complexity/noArguments: Vitest 3 passes (suite), 4 and 5 (context, suite)
    const suite = [...arguments].find(
      (a): a is { meta?: Record<string, unknown>; tasks: unknown[] } =>
        typeof a === 'object' && a !== null && 'tasks' in a,
    )
    if (suite && file) suite.meta = { ...suite.meta, [META_KEY]: worker.gates.filter((g) => g.file === file) }
  })
}
