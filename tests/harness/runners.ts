import { existsSync, realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const requireFromTests = createRequire(join(import.meta.dirname, '..', 'package.json'))

/**
 * Every runner version Steadfast supports, each installed side by side under an alias, on the Node
 * that runs the tests; the newest of each runner also on Node 24 (`-node24`), what users run
 * (Vitest 5 needs Node 24 anyway).
 */
export const RUNNERS = [
  'vitest3',
  'vitest4',
  'vitest4-node24',
  'vitest5',
  'jest29',
  'jest30',
  'jest30-node24',
] as const
export type RunnerId = (typeof RUNNERS)[number]
export type RunnerKind = 'vitest' | 'jest'

export const VITEST_RUNNERS = [
  'vitest3',
  'vitest4',
  'vitest4-node24',
  'vitest5',
] as const satisfies readonly RunnerId[]
export const JEST_RUNNERS = ['jest29', 'jest30', 'jest30-node24'] as const satisfies readonly RunnerId[]

export interface RunnerInfo {
  id: RunnerId
  kind: RunnerKind
  /** The runner's own version, read from its package.json. */
  version: string
  /** Real path of the runner package (the alias resolved). */
  packageDir: string
  /** The CLI entry to run with `node`. */
  bin: string
  /** The Node binary that runs it: the Node 24 from npm for Vitest 5 (it needs ≥ 22.12) and `-node24`. */
  node: string
}

function packageDir(alias: string): string {
  return dirname(realpathSync(requireFromTests.resolve(`${alias}/package.json`)))
}

function node24(): string {
  const bin = join(packageDir('node24'), 'bin', 'node')
  if (!existsSync(bin)) {
    throw new Error(
      `The Node 24 binary for Vitest 5 is missing at ${bin}. The npm package "node" installs it in its ` +
        'preinstall script: check that "node" is listed in onlyBuiltDependencies (pnpm-workspace.yaml) and reinstall.',
    )
  }
  return bin
}

const cache = new Map<RunnerId, RunnerInfo>()

export function runnerInfo(id: RunnerId): RunnerInfo {
  const known = cache.get(id)
  if (known) return known
  const kind: RunnerKind = id.startsWith('vitest') ? 'vitest' : 'jest'
  const dir = packageDir(id.replace(/-node\d+$/, ''))
  const manifest = requireFromTests(join(dir, 'package.json')) as { version: string }
  const info: RunnerInfo = {
    id,
    kind,
    version: manifest.version,
    packageDir: dir,
    bin: kind === 'vitest' ? join(dir, 'vitest.mjs') : join(dir, 'bin', 'jest.js'),
    node: id === 'vitest5' || id.endsWith('-node24') ? node24() : process.execPath,
  }
  cache.set(id, info)
  return info
}

/** Where a package this repo's tests depend on really lives, to link it into a fixture. */
export function resolvePackageDir(name: string): string {
  return packageDir(name)
}
