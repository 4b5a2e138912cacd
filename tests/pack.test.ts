// Every published package, packed and installed the way a user gets it: `pnpm pack`, then
// `npm install` of the tarballs into an empty project, then real ESM and CommonJS code and a strict
// TypeScript check in that project. The repo's own links and the `@steadfast/source` condition hide
// what a user would hit (a file left out of `files`, an export pointing at nothing, a `workspace:`
// range, declarations that only type-check with skipLibCheck); this file does not.
import { type ExecFileException, execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs'
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const REPO_ROOT = join(import.meta.dirname, '..')
/** The in-repo condition that points at `src`: published, but a consumer must never resolve it. */
const SOURCE_CONDITION = '@steadfast/source'
/** The conditions Node resolves with, in the order a user's `import` or `require` sees them. */
const IMPORT_CONDITIONS = ['import', 'node', 'default']
const REQUIRE_CONDITIONS = ['require', 'node', 'default']
/** The repo's TypeScript, run with node: the consumer check never fetches a compiler. */
const TSC = createRequire(join(REPO_ROOT, 'package.json')).resolve('typescript/bin/tsc')

interface Manifest {
  name: string
  version: string
  private?: boolean
  exports?: unknown
  main?: string
  module?: string
  types?: string
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  peerDependenciesMeta?: Record<string, { optional?: boolean }>
}

interface WorkspacePackage {
  name: string
  dir: string
}

interface PackedPackage {
  /** Paths inside the tarball, relative to its `package/` folder, with `/` separators. */
  files: string[]
  /** The manifest as published: what pnpm pack wrote into the tarball. */
  manifest: Manifest
}

interface Run {
  exitCode: number
  stdout: string
  stderr: string
}

// Read at collection time so that each package gets its own tests: a new folder under packages/ is
// covered without touching this file. Private packages are never published.
const PACKAGES: WorkspacePackage[] = readdirSync(join(REPO_ROOT, 'packages'))
  .map((folder) => join(REPO_ROOT, 'packages', folder))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest }))
  .filter(({ manifest }) => manifest.private !== true)
  .map(({ dir, manifest }) => ({ name: manifest.name, dir }))
const NAMES = PACKAGES.map((pkg) => pkg.name)

let work: string | undefined
let consumer = ''
const packed = new Map<string, PackedPackage>()

beforeAll(async () => {
  for (const pkg of PACKAGES) {
    if (!existsSync(join(pkg.dir, 'dist'))) {
      throw new Error(`${pkg.name} is not built (no ${join(pkg.dir, 'dist')}). Run \`pnpm build\` first.`)
    }
  }
  const root = await mkdtemp(join(tmpdir(), 'steadfast-pack-'))
  work = root
  const tarballs = await Promise.all(PACKAGES.map((pkg) => pack(pkg, join(root, 'tarballs'))))
  consumer = join(root, 'consumer')
  await mkdir(consumer)
  await writeFile(
    join(consumer, 'package.json'),
    `${JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }, null, 2)}\n`,
  )
  // Offline while every dependency is one of the tarballs: the install then proves they are complete
  // on their own. A registry dependency needs the registry, so the flag goes as soon as one appears.
  const offline = [...packed.values()].every(({ manifest }) =>
    runtimeDependencies(manifest).every((name) => packed.has(name)),
  )
  await mustRun(
    'npm',
    ['install', '--no-audit', '--no-fund', ...(offline ? ['--offline'] : []), ...tarballs],
    consumer,
  )
  await Promise.all(
    Object.entries(consumerFiles()).map(([path, content]) => writeFile(join(consumer, path), content)),
  )
})

afterAll(async () => {
  if (work === undefined || process.env.STEADFAST_KEEP_FIXTURES === '1') return
  await rm(work, { recursive: true, force: true })
})

describe.concurrent.each(PACKAGES.map((pkg) => [pkg.name, pkg.dir]))('the %s tarball', (name, dir) => {
  test('ships its manifest, one ESM and one CommonJS bundle per entry, and declarations for every source file', async () => {
    const sources = (await listFiles(join(dir, 'src'))).filter(
      (file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.includes('.test.'),
    )
    expect(sources).not.toEqual([])
    const { files, manifest } = tarball(name)
    const expected = ['package.json', 'dist/esm/package.json', 'dist/cjs/package.json']
    // The published types mirror the sources, one declaration file each.
    // (A source marked esm-only, the umbrella's Vitest setup file or respawn's ES module entry,
    // which await at top level, is an ES module only.)
    const esmOnly = new Set<string>()
    for (const source of sources) {
      const base = source.slice(0, -'.ts'.length)
      const only = readFileSync(join(dir, 'src', source), 'utf8').startsWith('// @steadfast-build: esm-only')
      if (only) esmOnly.add(`${base}.js`)
      for (const format of only ? ['esm'] : ['esm', 'cjs']) expected.push(`dist/${format}/${base}.d.ts`)
    }
    // The code is bundled: every export target has its file in both formats (what a worker loads
    // is counted in tests/steadfast/modules-loaded.test.ts).
    const entries = [...exportTargets(manifest.exports), manifest.main, manifest.module]
      .filter(
        (target): target is string => target !== undefined && /^\.\/dist\/(esm|cjs)\/.+\.js$/.test(target),
      )
      .map((target) => target.replace(/^\.\/dist\/(esm|cjs)\//, ''))
    for (const entry of entries)
      for (const format of esmOnly.has(entry) ? ['esm'] : ['esm', 'cjs'])
        expected.push(`dist/${format}/${entry}`)
    expect(files).toEqual(expect.arrayContaining(expected))
    // An ES module only is never what a CommonJS importer is pointed at.
    const required = [...requireTargets(manifest.exports), manifest.main].filter(
      (target): target is string => typeof target === 'string',
    )
    expect(required.filter((target) => esmOnly.has(target.replace(/^\.\/dist\/(esm|cjs)\//, '')))).toEqual([])
  })

  test('leaves out sources, tests and build configuration', () => {
    const unwanted = tarball(name).files.filter((file) =>
      /^(src|tests?|__tests__)\/|(^|\/)tsconfig[^/]*\.json$|\.test\.|\.test-d\.|\.tsbuildinfo$/.test(file),
    )
    expect(unwanted).toEqual([])
  })

  test('includes the README exactly when the package has one', async () => {
    const readmes = (await readdir(dir)).filter((file) => /^readme(\.|$)/i.test(file))
    expect(tarball(name).files.filter((file) => /^readme(\.|$)/i.test(file))).toEqual(readmes)
  })

  test('has exports and entry fields that point only at files inside the tarball', () => {
    const { files, manifest } = tarball(name)
    const targets = [...exportTargets(manifest.exports), manifest.main, manifest.module, manifest.types]
      .filter((target) => target !== undefined)
      .map((target) => target.replace(/^\.\//, ''))
    expect(targets).not.toEqual([])
    expect(targets.filter((target) => !files.includes(target))).toEqual([])
  })

  test('depends on published versions, never on workspace: or catalog: ranges', () => {
    const { manifest } = tarball(name)
    const unpublishable = [
      manifest.dependencies,
      manifest.devDependencies,
      manifest.optionalDependencies,
      manifest.peerDependencies,
    ].flatMap((deps) => Object.entries(deps ?? {}).filter(([, range]) => /^(workspace|catalog):/.test(range)))
    expect(unpublishable).toEqual([])
  })
})

describe.concurrent('a fresh project with every tarball installed by npm', () => {
  const esm = once(() => run(process.execPath, ['consumer.mjs', JSON.stringify(NAMES)], consumer))
  const cjs = once(() =>
    run(process.execPath, ['consumer.cjs', JSON.stringify(NAMES.filter(requirable))], consumer),
  )
  const typecheck = once(() =>
    run(process.execPath, [TSC, '-p', 'tsconfig.json', '--pretty', 'false', '--listFiles'], consumer),
  )

  test('gets real copies of the packages, not links back into the repo', async () => {
    for (const name of NAMES) {
      expect((await lstat(join(consumer, 'node_modules', name))).isSymbolicLink()).toBe(false)
      const installed = JSON.parse(
        await readFile(join(consumer, 'node_modules', name, 'package.json'), 'utf8'),
      ) as Manifest
      expect(installed.version).toBe(tarball(name).manifest.version)
    }
  })

  test('imports every package from an ES module and each wait and core feature works', async () => {
    const output = parseOutput(await esm())
    expect(output.behaviour).toEqual(EXPECTED_BEHAVIOUR)
    expect(output.names['@steadfast/wait']).toEqual(expect.arrayContaining(DOCUMENTED_WAIT_NAMES))
  })

  test('requires every package from CommonJS and each wait and core feature works', async () => {
    const output = parseOutput(await cjs())
    expect(output.behaviour).toEqual(EXPECTED_BEHAVIOUR)
    expect(output.names['@steadfast/wait']).toEqual(expect.arrayContaining(DOCUMENTED_WAIT_NAMES))
  })

  test('offers the same named exports to import and require, and no default export', async () => {
    const imported = parseOutput(await esm()).names
    const required = parseOutput(await cjs()).names
    for (const name of NAMES.filter(requirable)) expect(required[name], name).toEqual(imported[name])
    for (const name of NAMES) {
      expect(imported[name], name).not.toEqual([])
      expect(imported[name], name).not.toContain('default')
    }
  })

  test(`resolves the published dist entries at run time, never the ${SOURCE_CONDITION} condition`, async () => {
    const imported = parseOutput(await esm()).resolved
    const required = parseOutput(await cjs()).resolved
    for (const name of NAMES) {
      const exports = tarball(name).manifest.exports
      expect(inPackage(name, imported[name])).toBe(relativeTarget(resolveTarget(exports, IMPORT_CONDITIONS)))
      expect(inPackage(name, imported[name])).toMatch(/^dist\//)
      if (!requirable(name)) continue
      expect(inPackage(name, required[name])).toBe(relativeTarget(resolveTarget(exports, REQUIRE_CONDITIONS)))
      expect(inPackage(name, required[name])).toMatch(/^dist\//)
    }
  })

  test('type-checks an ESM and a CommonJS consumer under NodeNext and strict, without skipLibCheck', async () => {
    const result = await typecheck()
    expect(errorLines(result), result.stdout).toEqual([])
    expect(result.exitCode).toBe(0)
  })

  test(`reads the types from the published declarations, never the ${SOURCE_CONDITION} sources`, async () => {
    const listed = (await typecheck()).stdout.split('\n').map((line) => line.trim().replace(/\\/g, '/'))
    for (const name of NAMES) {
      const files = listed.flatMap((line) => {
        const at = line.indexOf(`/node_modules/${name}/`)
        return at === -1 ? [] : [line.slice(at + `/node_modules/${name}/`.length)]
      })
      const exports = tarball(name).manifest.exports
      const entries = [relativeTarget(resolveTarget(exports, ['types', ...IMPORT_CONDITIONS]))]
      if (requirable(name))
        entries.push(relativeTarget(resolveTarget(exports, ['types', ...REQUIRE_CONDITIONS])))
      expect(files, name).toEqual(expect.arrayContaining(entries))
      expect(
        files.filter((file) => !/^dist\/.*\.d\.ts$/.test(file)),
        name,
      ).toEqual([])
    }
  })

  test('reports a deliberate type error in both the ESM and the CommonJS consumer', async () => {
    // Without this the check above could pass on types that resolve to `any`.
    const result = await run(
      process.execPath,
      [TSC, '-p', 'tsconfig.bad.json', '--pretty', 'false'],
      consumer,
    )
    expect(result.exitCode).not.toBe(0)
    expect(errorLines(result).map((line) => line.replace(/\(\d+,\d+\)/, '').replace(/:[^:]*$/, ''))).toEqual([
      'bad.cts: error TS2345',
      'bad.mts: error TS2345',
    ])
  })
})

/** A test file with one culprit (an un-awaited rejection) and one innocent test. */
const ONE_CULPRIT = `test('culprit', async () => {
  Promise.reject(new Error('boom-from-the-tarball'))
  await new Promise((resolve) => setTimeout(resolve, 30))
})
test('innocent', async () => {
  await new Promise((resolve) => setTimeout(resolve, 30))
})
`

/** The combined report's overview, one line per part: every plugin was on. */
const EVERY_PART_ON = (runner: string): RegExp =>
  new RegExp(
    [
      `Steadfast \\(${runner}\\): a part failed the run; 1 test failed in all`,
      '  ✗ rejections  1 unhandled error \\(1 failed a test or file\\)',
      '  ✓ warnings {4}0 warnings of 0 kinds from 0 files; 0 ignored by rules',
      '  ✓ respawn {5}no process died or failed its check',
      '  ✓ perf {8}no gates ran',
    ].join('\\n'),
  )

describe.concurrent('the steadfast tarball in a fresh project', () => {
  // The runners come from the repo's test dependencies, linked in as a user's own install would be.
  const linked = once(async () => {
    for (const [name, alias] of [
      ['vitest', 'vitest4'],
      ['jest', 'jest30'],
    ] as const) {
      await symlink(
        realpathSync(join(REPO_ROOT, 'tests', 'node_modules', alias)),
        join(consumer, 'node_modules', name),
      )
    }
  })

  async function runIn(folder: string, files: Record<string, string>, command: string[]): Promise<Run> {
    await linked()
    const dir = join(consumer, folder)
    await mkdir(dir, { recursive: true })
    for (const [path, content] of Object.entries(files)) await writeFile(join(dir, path), content)
    return run(process.execPath, command, dir)
  }

  function states(report: string): Record<string, string> {
    const json = JSON.parse(report) as {
      testResults: Array<{ assertionResults: Array<{ title: string; status: string }> }>
    }
    return Object.fromEntries(
      json.testResults.flatMap((file) => file.assertionResults.map((t) => [t.title, t.status])),
    )
  }

  test('one line of Vitest 4 config (plugins: [steadfast()]) turns the suite on', async () => {
    const result = await runIn(
      'one-line-vitest',
      {
        'package.json': JSON.stringify({ name: 'one-line-vitest', private: true, type: 'module' }),
        'vitest.config.mjs': `import steadfast from 'steadfast/vitest'\nexport default { plugins: [steadfast()] }\n`,
        'suite.test.mjs': `import { test } from 'vitest'\n${ONE_CULPRIT}`,
      },
      [
        join(consumer, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--reporter=default',
        '--reporter=json',
        '--outputFile.json=report.json',
      ],
    )
    expect(states(await readFile(join(consumer, 'one-line-vitest', 'report.json'), 'utf8'))).toEqual({
      culprit: 'failed',
      innocent: 'passed',
    })
    expect(result.stdout).toMatch(/@steadfast\/rejections: 1 unhandled error in 1 place/)
    expect(result.stdout).toMatch(EVERY_PART_ON('Vitest'))
  })

  test("one line of Jest 30 config (preset: 'steadfast') turns the suite on", async () => {
    const result = await runIn(
      'one-line-jest',
      {
        'package.json': JSON.stringify({ name: 'one-line-jest', private: true }),
        'jest.config.js': `module.exports = { preset: 'steadfast' }\n`,
        'suite.test.js': ONE_CULPRIT,
      },
      [
        join(consumer, 'node_modules', 'jest', 'bin', 'jest.js'),
        '--ci',
        '--json',
        '--outputFile=report.json',
      ],
    )
    expect(states(await readFile(join(consumer, 'one-line-jest', 'report.json'), 'utf8'))).toEqual({
      culprit: 'failed',
      innocent: 'passed',
    })
    expect(`${result.stdout}\n${result.stderr}`).toMatch(
      /@steadfast\/rejections: 1 unhandled error in 1 place/,
    )
    expect(`${result.stdout}\n${result.stderr}`).toMatch(EVERY_PART_ON('Jest'))
  })
})

/** The public names of @steadfast/wait that ARCHITECTURE.md documents. */
const DOCUMENTED_WAIT_NAMES = [
  'Event',
  'WaitTimeoutError',
  'realNow',
  'realSleep',
  'realSleepSync',
  'waitFor',
  'waitForEvent',
  'withTimeout',
]

/** What the consumer scripts report, the same from ESM and from CommonJS. */
const EXPECTED_BEHAVIOUR = {
  'realSleep(5) waits about 5 real ms': true,
  'realSleepSync(1) returns': true,
  'Event.wait() resolves true once set() is called': true,
  'Event.isSet() is true after set()': true,
  'Event.wait(5) resolves false when nothing sets it': false,
  'waitFor resolves the first truthy value': 3,
  'waitForEvent resolves the emitted value': 'up',
  'withTimeout passes the value through': 'answer',
  'WaitTimeoutError name': 'WaitTimeoutError',
  'WaitTimeoutError code': 'STEADFAST_WAIT_TIMEOUT',
  'WaitTimeoutError.is(error)': true,
  'error instanceof WaitTimeoutError': true,
  'error instanceof SteadfastError of @steadfast/core': true,
  'isSteadfastError(error, code) of @steadfast/core': true,
  'the message names what was awaited': true,
  '@steadfast/wait re-exports realNow of @steadfast/core': true,
}

/**
 * The body both consumer scripts share, so ESM and CommonJS do exactly the same. It expects `load`
 * and `resolve` (import or require), and the named imports of @steadfast/wait and @steadfast/core.
 */
const SCRIPT_BODY = `
async function main(packages) {
  const names = {}
  const resolved = {}
  for (const name of packages) {
    names[name] = Object.keys(await load(name)).sort()
    resolved[name] = resolve(name)
  }
  const behaviour = {}
  const started = realNow()
  await realSleep(5)
  // 4, not 5: Node's timers may fire up to a millisecond early by the monotonic clock.
  behaviour['realSleep(5) waits about 5 real ms'] = realNow() - started >= 4
  realSleepSync(1)
  behaviour['realSleepSync(1) returns'] = true

  const ready = new Event()
  setTimeout(() => ready.set(), 1)
  behaviour['Event.wait() resolves true once set() is called'] = await ready.wait(1000)
  behaviour['Event.isSet() is true after set()'] = ready.isSet()
  behaviour['Event.wait(5) resolves false when nothing sets it'] = await new Event().wait(5)

  let polls = 0
  behaviour['waitFor resolves the first truthy value'] = await waitFor(() => ++polls >= 3 && polls, {
    timeout: 1000,
    interval: 1,
  })
  const emitter = new EventEmitter()
  const emitted = waitForEvent(emitter, 'ready', 1000)
  setTimeout(() => emitter.emit('ready', 'up'), 1)
  behaviour['waitForEvent resolves the emitted value'] = await emitted
  behaviour['withTimeout passes the value through'] = await withTimeout(Promise.resolve('answer'), 1000, 'the answer')

  const error = await waitFor(() => false, { timeout: 20, interval: 5, message: 'a flag nobody sets' }).then(
    () => undefined,
    (caught) => caught,
  )
  behaviour['WaitTimeoutError name'] = error?.name
  behaviour['WaitTimeoutError code'] = error?.code
  behaviour['WaitTimeoutError.is(error)'] = WaitTimeoutError.is(error)
  behaviour['error instanceof WaitTimeoutError'] = error instanceof WaitTimeoutError
  behaviour['error instanceof SteadfastError of @steadfast/core'] = error instanceof SteadfastError
  behaviour['isSteadfastError(error, code) of @steadfast/core'] = isSteadfastError(error, 'STEADFAST_WAIT_TIMEOUT')
  behaviour['the message names what was awaited'] = String(error?.message).includes('a flag nobody sets')
  behaviour['@steadfast/wait re-exports realNow of @steadfast/core'] = realNow === coreRealNow
  return { names, resolved, behaviour }
}

main(JSON.parse(process.argv[2])).then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (error) => {
    console.error(error)
    process.exitCode = 1
  },
)
`

const WAIT_NAMES =
  'Event, realNow, realSleep, realSleepSync, WaitTimeoutError, waitFor, waitForEvent, withTimeout'
const CORE_NAMES = 'isSteadfastError, realNow as coreRealNow, SteadfastError'

/** The typed use both TypeScript consumers share: each annotation fails if a declaration is wrong. */
const TYPED_BODY = `
const options: WaitForOptions = { timeout: 1000, interval: 5, message: 'the answer' }

export async function consume(): Promise<number> {
  await realSleep(5, { signal: AbortSignal.timeout(1000) })
  const ready = new Event()
  const wasSet: boolean = await ready.wait({ timeout: 10 })
  // waitFor drops the falsy members of the predicate's type: 0 | 42 resolves as 42.
  const answer: 42 = await waitFor(() => (wasSet ? 0 : 42) as 0 | 42, options)
  const echoed: string = await withTimeout(Promise.resolve('echo'), 10, 'the echo')
  try {
    await waitFor(() => false, 10)
  } catch (error) {
    if (WaitTimeoutError.is(error)) {
      const code: string = error.code
      const elapsed: number = error.elapsed
      return code.length + elapsed
    }
    if (isSteadfastError(error) && error instanceof SteadfastError) return error.code.length
  }
  return answer + echoed.length + realNow()
}
`

/** The files of the consumer project, written after the install. */
function consumerFiles(): Record<string, string> {
  const namespaces = (names: string[]): string =>
    `${names.map((name, i) => `import * as package${i} from '${name}'`).join('\n')}\nexport const packages = [${names.map((_, i) => `package${i}`).join(', ')}]\n`
  const typedImports = `import { isSteadfastError, SteadfastError } from '@steadfast/core'
import { Event, realNow, realSleep, type WaitForOptions, WaitTimeoutError, waitFor, withTimeout } from '@steadfast/wait'
`
  const deliberateError = `import { realSleep } from '@steadfast/wait'\nexport const slept: Promise<void> = realSleep('5')\n`
  const tsconfig = (files: string[]): string =>
    `${JSON.stringify(
      {
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          lib: ['ES2023'],
          strict: true,
          // Spelled out: the published declarations must type-check as they are.
          skipLibCheck: false,
          noEmit: true,
          // A Node project has @types/node; the repo's copy saves fetching it.
          types: ['node'],
          typeRoots: [join(REPO_ROOT, 'node_modules', '@types')],
        },
        files,
      },
      null,
      2,
    )}\n`
  return {
    'consumer.mjs': `import { EventEmitter } from 'node:events'
import { fileURLToPath } from 'node:url'
import { ${CORE_NAMES} } from '@steadfast/core'
import { ${WAIT_NAMES} } from '@steadfast/wait'

const load = (name) => import(name)
const resolve = (name) => fileURLToPath(import.meta.resolve(name))
${SCRIPT_BODY}`,
    'consumer.cjs': `const { EventEmitter } = require('node:events')
const { ${CORE_NAMES.replace(' as ', ': ')} } = require('@steadfast/core')
const { ${WAIT_NAMES} } = require('@steadfast/wait')

const load = async (name) => require(name)
const resolve = (name) => require.resolve(name)
${SCRIPT_BODY}`,
    'consumer.mts': `${typedImports}${namespaces(NAMES)}${TYPED_BODY}`,
    'consumer.cts': `${typedImports}${namespaces(NAMES.filter(requirable))}${TYPED_BODY}`,
    'bad.mts': deliberateError,
    'bad.cts': deliberateError,
    'tsconfig.json': tsconfig(['consumer.mts', 'consumer.cts']),
    'tsconfig.bad.json': tsconfig(['bad.mts', 'bad.cts']),
  }
}

/** Packs one package, unpacks the tarball beside it to read what it holds, and returns its path. */
async function pack(pkg: WorkspacePackage, destination: string): Promise<string> {
  const { stdout } = await mustRun('pnpm', ['pack', '--pack-destination', destination, '--json'], pkg.dir)
  const { filename } = JSON.parse(stdout) as { filename: string }
  const unpacked = join(destination, `${pkg.name.replace(/[@/]/g, '_')}-unpacked`)
  await mkdir(unpacked)
  await mustRun('tar', ['-xzf', filename, '-C', unpacked], destination)
  const root = join(unpacked, 'package')
  const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as Manifest
  packed.set(pkg.name, { files: await listFiles(root), manifest })
  return filename
}

function tarball(name: string): PackedPackage {
  const found = packed.get(name)
  if (!found) throw new Error(`${name} was not packed: see the beforeAll error above.`)
  return found
}

/** What npm installs with a package: dependencies and the peers not marked optional. */
function runtimeDependencies(manifest: Manifest): string[] {
  const peers = Object.keys(manifest.peerDependencies ?? {}).filter(
    (peer) => manifest.peerDependenciesMeta?.[peer]?.optional !== true,
  )
  return [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
    ...peers,
  ]
}

/** Whether the package's main entry can be `require`d (the ESM-only ones are imported only). */
function requirable(name: string): boolean {
  return resolveTarget(tarball(name).manifest.exports, REQUIRE_CONDITIONS) !== undefined
}

/** Every file an `exports` map can lead to, except through the in-repo source condition. */
function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(exportTargets)
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, target]) =>
    key === SOURCE_CONDITION ? [] : exportTargets(target),
  )
}

/** The targets a CommonJS importer can be pointed at: everything but what sits under `import`. */
function requireTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(requireTargets)
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, target]) =>
    key === SOURCE_CONDITION || key === 'import' || key === 'types' ? [] : requireTargets(target),
  )
}

/** The target of the "." entry for these conditions, as Node's resolver picks it (first match wins). */
function resolveTarget(exports: unknown, conditions: string[]): string | undefined {
  const entry =
    exports !== null && typeof exports === 'object' && '.' in exports
      ? (exports as Record<string, unknown>)['.']
      : exports
  const pick = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
    for (const [condition, target] of Object.entries(value)) {
      if (!conditions.includes(condition)) continue
      const picked = pick(target)
      if (picked !== undefined) return picked
    }
    return undefined
  }
  return pick(entry)
}

function relativeTarget(target: string | undefined): string | undefined {
  return target?.replace(/^\.\//, '')
}

/** A resolved absolute path, as a path inside the installed package. */
function inPackage(name: string, resolved: string | undefined): string | undefined {
  const path = resolved?.replace(/\\/g, '/')
  const marker = `/node_modules/${name}/`
  return path?.includes(marker) ? path.slice(path.lastIndexOf(marker) + marker.length) : path
}

interface ScriptOutput {
  names: Record<string, string[]>
  resolved: Record<string, string>
  behaviour: Record<string, unknown>
}

function parseOutput(result: Run): ScriptOutput {
  if (result.exitCode !== 0) {
    throw new Error(`The consumer script failed (exit ${result.exitCode}):\n${result.stderr}${result.stdout}`)
  }
  return JSON.parse(result.stdout) as ScriptOutput
}

function errorLines(result: Run): string[] {
  return result.stdout.split('\n').filter((line) => / error TS\d+:/.test(line))
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory()
        ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`)
        : Promise.resolve([`${prefix}${entry.name}`]),
    ),
  )
  return nested.flat().sort()
}

/** Runs a command (never through a shell) and resolves with its exit code and output. */
function run(file: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd, env: userEnv(), encoding: 'utf8', timeout: 50_000, maxBuffer: 32 * 1024 * 1024 },
      (error: ExecFileException | null, stdout, stderr) => {
        const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : -1
        resolve({
          exitCode,
          stdout,
          stderr: error && exitCode === -1 ? `${error.message}\n${stderr}` : stderr,
        })
      },
    )
  })
}

async function mustRun(file: string, args: string[], cwd: string): Promise<Run> {
  const result = await run(file, args, cwd)
  if (result.exitCode !== 0) {
    throw new Error(
      `${file} ${args.join(' ')} failed in ${cwd} (exit ${result.exitCode}):\n${result.stderr}${result.stdout}`,
    )
  }
  return result
}

/**
 * The environment of a user's shell: without the outer Vitest's variables, without NODE_OPTIONS
 * (which could add `--conditions=@steadfast/source`), and without the npm_* and pnpm_* variables
 * pnpm sets for the script it runs, which npm would read as its own configuration.
 */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!NOT_A_USERS_ENV.test(key)) env[key] = value
  }
  return env
}

const NOT_A_USERS_ENV =
  /^(VITEST|NODE_OPTIONS$|pnpm_|npm_(?!config_)|npm_config_(user_agent|verify_deps_before_run)$)/i

/** Runs `start` on the first call only: several tests assert on one run of the same command. */
function once<T>(start: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined
  return () => {
    started ??= start()
    return started
  }
}
