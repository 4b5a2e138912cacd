import { firstForVitest } from './vitestRun.js'
/** The part of Vitest's config a Steadfast plugin changes (typed here: core imports no runner). */
export interface VitestConfigLike {
  root?: string
  test?: {
    setupFiles?: string | string[]
    globalSetup?: string | string[]
    env?: Record<string, string>
  }
}

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value]

const SETUP_FILES = Symbol.for('steadfast.core.vitestSetupFiles')

/** The setup files our plugins added to a config, in this process (each plugin has its own copy of core). */
function ourSetupFiles(): Set<string> {
  const holder = process as unknown as Record<symbol, Set<string> | undefined>
  holder[SETUP_FILES] ??= new Set()
  return holder[SETUP_FILES]
}

/**
 * What every Steadfast Vitest plugin adds in its `config` hook: its setup file (first by default,
 * so its hooks wrap everyone's; `setupFileLast` for one that only adds matchers), its global setup
 * (last by default; `globalSetupFirst` for one whose teardown must run after every other, as
 * Vitest tears down in reverse), and variables for the workers, which are set in this (the main)
 * process too: the global setup runs here, where `test.env` does not reach.
 */
export function extendVitestConfig(
  config: VitestConfigLike,
  add: {
    setupFile?: string
    setupFileLast?: boolean
    globalSetup: string
    globalSetupFirst?: boolean
    env: Record<string, string>
  },
): void {
  config.test ??= {}
  const setupFiles = asList(config.test.setupFiles)
  if (add.setupFile) {
    ourSetupFiles().add(add.setupFile)
    config.test.setupFiles = add.setupFileLast
      ? [...setupFiles, add.setupFile]
      : [add.setupFile, ...setupFiles]
  }
  const globalSetups = asList(config.test.globalSetup)
  config.test.globalSetup = add.globalSetupFirst
    ? [add.globalSetup, ...globalSetups]
    : [...globalSetups, add.globalSetup]
  config.test.env = { ...config.test.env, ...add.env }
  Object.assign(process.env, add.env)
}

/** What a plugin's `configureVitest` hook receives, as far as Steadfast uses it. */
export interface VitestContextLike {
  vitest: {
    config: {
      root: string
      mergeReports?: string
      watch?: boolean
      reporters: unknown[]
      setupFiles?: string[]
    }
  }
  /** The project being configured (Vitest ≥ 3.2), with its resolved config. */
  project?: { config: { setupFiles?: string[] } }
}

/**
 * Gives the project being configured the setup files our plugins added to the root config, where
 * it lacks them, placed as the root places them. Vitest 5 hands a `test.projects` entry with
 * `extends: true` the root's plugins, and calls their `configureVitest` once a project, but not
 * what their `config` hooks added to the root: without this, no part ran in any project (Vitest
 * 5.1, checked with a project in the forks pool and one in threads). Vitest 3.2 and 4 resolve each
 * project from the root config with them: there it finds nothing to add. There a project that
 * does not extend the root has none of our plugins, and this never runs for it (the report names
 * it); Vitest 5 hands it the root's plugins too, and this gives it the setup files.
 */
export function shareSetupFiles({ vitest, project }: VitestContextLike): void {
  const own = project?.config.setupFiles
  const root = vitest.config.setupFiles
  if (!own || !root || own === root) return
  const ours = ourSetupFiles()
  const first: string[] = []
  const last: string[] = []
  let leading = true
  for (const file of root) {
    if (!ours.has(file)) {
      leading = false
      continue
    }
    if (!own.includes(file)) (leading ? first : last).push(file)
  }
  own.unshift(...first)
  own.push(...last)
}

type TestModuleLike = { meta?: () => Record<string, unknown>; task?: { meta?: Record<string, unknown> } }

/**
 * Under `vitest --merge-reports`, which runs no test and no global setup but replays the shards'
 * blob reports: adds a reporter that calls `onMerged` at the end with what each replayed test file
 * kept in its task meta under `key` (undefined for a file that kept nothing), and Vitest's root.
 * Call it from `configureVitest`: Vitest builds its reporters right after that hook.
 */
export function onMergedReports(
  { vitest }: VitestContextLike,
  key: string,
  onMerged: (metas: unknown[], root: string) => void,
): void {
  if (!vitest.config.mergeReports || !firstForVitest({ vitest }, `merged:${key}`)) return
  vitest.config.reporters.push({
    onTestRunEnd(modules: readonly TestModuleLike[]) {
      onMerged(
        modules.map((m) => (m.meta?.() ?? m.task?.meta)?.[key]),
        vitest.config.root,
      )
    },
  })
}

/** A part's Vitest setup file and the runtime module it installs (`installForFile(vitest)`). */
export interface VitestPartSetup {
  file: string
  runtime: string
}

/** The runtimes the umbrella's one setup file installs, in order, as a JSON list of paths. */
export const VITEST_RUNTIMES_ENV = 'STEADFAST_VITEST_RUNTIMES'

/**
 * Replaces the parts' setup files in `config` with one, `combined`, that installs their runtimes in
 * the same order. Vitest's default pool evaluates every setup file again in every test file, each
 * through its module runner: one file instead of four is that much less per file.
 */
export function foldSetupFiles(config: VitestConfigLike, parts: VitestPartSetup[], combined: string): void {
  const setupFiles = asList(config.test?.setupFiles)
  const byFile = new Map(parts.map((part) => [part.file, part]))
  const runtimes = setupFiles.flatMap((file) => {
    const part = byFile.get(file)
    return part ? [part.runtime] : []
  })
  if (runtimes.length === 0) return
  const first = setupFiles.findIndex((file) => byFile.has(file))
  const rest = setupFiles.filter((file) => !byFile.has(file))
  config.test ??= {}
  config.test.setupFiles = [...rest.slice(0, first), combined, ...rest.slice(first)]
  ourSetupFiles().add(combined)
  const env = { [VITEST_RUNTIMES_ENV]: JSON.stringify(runtimes) }
  config.test.env = { ...config.test.env, ...env }
  Object.assign(process.env, env)
}
