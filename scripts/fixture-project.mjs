// What a fixture project needs to use this repo's packages the way users get them, shared by the
// end-to-end harness (tests/harness) and the benchmarks (bench/): a copy of each built package
// (package.json + dist), its third-party dependencies linked flat beside it, and whatever else
// the caller links in (the runner, test helpers). A copy, not a link: Node resolves a module from
// its real path, and a link back into this repo would make `import 'vitest'` in our code find the
// repo's Vitest instead of the fixture's runner version.
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs'
import { copyFile, cp, mkdir, readFile, symlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Every package under packages/, by name, with its folder. */
export const WORKSPACE_PACKAGES = Object.fromEntries(
  readdirSync(join(REPO_ROOT, 'packages')).flatMap((name) => {
    const dir = join(REPO_ROOT, 'packages', name)
    if (!existsSync(join(dir, 'package.json'))) return []
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    return [[manifest.name, dir]]
  }),
)

/** Installs every workspace package into `dir`/node_modules, and links `links` (name → folder). */
export async function installWorkspacePackages(dir, links = {}) {
  const all = { ...links }
  for (const [name, source] of Object.entries(WORKSPACE_PACKAGES)) {
    if (!existsSync(join(source, 'dist'))) {
      throw new Error(`${name} is not built (no ${join(source, 'dist')}). Run \`pnpm build\` first.`)
    }
    const at = join(dir, 'node_modules', name)
    await cp(join(source, 'dist'), join(at, 'dist'), { recursive: true })
    await copyFile(join(source, 'package.json'), join(at, 'package.json'))
    const manifest = JSON.parse(await readFile(join(source, 'package.json'), 'utf8'))
    for (const dependency of Object.keys(manifest.dependencies ?? {})) {
      if (!(dependency in WORKSPACE_PACKAGES))
        all[dependency] ??= realpathSync(join(source, 'node_modules', dependency))
    }
  }
  await Promise.all(
    Object.entries(all).map(async ([name, target]) => {
      const at = join(dir, 'node_modules', name)
      await mkdir(dirname(at), { recursive: true })
      await symlink(target, at, 'dir')
    }),
  )
}

/** The environment of a runner process: none of an outer runner's variables, no colours. */
export function runnerEnv(extra = {}) {
  const env = {}
  for (const [key, value] of Object.entries(process.env)) {
    // The outer Vitest's variables would make the inner runner believe it is nested in a worker.
    if (/^(VITEST|JEST|TEST$|NODE_OPTIONS$|STEADFAST_|STRICT_PERF$|GITHUB_STEP_SUMMARY$)/.test(key)) continue
    env[key] = value
  }
  return { ...env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0', ...extra }
}
