#!/usr/bin/env node
// Builds the package in the current directory to dist/esm (ESM) and dist/cjs (CommonJS).
//
// JavaScript: bundled with rolldown, one readable (unminified) file per entry plus shared chunks
// beside them. The sources stay split by concept for the reader; the runtime's unit is the module,
// and in a test worker every module costs (Vitest's forks pool loads a setup file's imports again
// for every test file). rolldown rather than esbuild because its CommonJS output has code splitting
// too: the Jest entries are CommonJS, and two entries of one package must share one instance of a
// module's state, not a copy each. It is also what Vite 8 builds with, so it is already in the tree.
//
// Declarations: tsc, one .d.ts per source file (the published types mirror the sources), the
// CommonJS ones under a `"type": "commonjs"` package.json so TypeScript reads them as CommonJS.
//
// Entries: every `exports` subpath and `bin` of package.json, and every file the code opens by name
// at run time (`sibling('jest.js')`, `esmFileOf(CODE_DIR, 'vitest-setup.js')`, a `require('./_runtime.js')` through Node's own
// require): those must exist under their own names. Every bare import (node:, other packages,
// @steadfast/*) stays external.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, join } from 'node:path'
import { pathToFileURL } from 'node:url'

const cwd = process.cwd()
const requireHere = createRequire(join(cwd, 'package.json'))
const tsc = requireHere.resolve('typescript/bin/tsc')
// The workspace root's rolldown (a devDependency of the root, not of each package).
const { rolldown } = await import(pathToFileURL(createRequire(import.meta.url).resolve('rolldown')).href)
const manifest = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'))

rmSync(join(cwd, 'dist'), { recursive: true, force: true })

/** A file's text without its comment lines (JSDoc examples name files of other packages). */
const codeOf = (file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(\*|\/\/)/.test(line))
    .join('\n')

/** Source files (relative to src/, without extension) that must be entries of the bundle. */
function entryNames() {
  const names = new Set()
  const fromDist = (path) => {
    const match = /^\.\/dist\/(?:esm|cjs)\/(.+)\.js$/.exec(path)
    if (match) names.add(match[1])
  }
  const walk = (value) => {
    if (typeof value === 'string') fromDist(value)
    else if (value && typeof value === 'object') for (const inner of Object.values(value)) walk(inner)
  }
  walk(manifest.exports)
  walk(manifest.bin)
  if (typeof manifest.main === 'string') fromDist(manifest.main)
  // Files opened by name at run time.
  const named = [
    /\b(?:sibling\(|esmFileOf\(\s*CODE_DIR,)\s*'([\w.-]+)\.js'\s*\)/g,
    /\)\(\s*'\.\/([\w.-]+)\.js',?\s*\)/g,
    // Loaded on first use: a self-contained entry (below) leaves it to be loaded by name.
    /\bimport\(\s*'\.\/([\w.-]+)\.js'\s*\)/g,
  ]
  for (const file of readdirSync(join(cwd, 'src'))) {
    if (!file.endsWith('.ts') || file.endsWith('.d.ts') || file.includes('.test.')) continue
    const text = codeOf(join(cwd, 'src', file))
    for (const pattern of named) for (const match of text.matchAll(pattern)) names.add(match[1])
  }
  // A Vitest setup file is evaluated again for every test file, while what it imports from
  // node_modules is loaded once per worker: its imports keep their own modules, or the worker's
  // state would be made anew for every file under `isolate: false`.
  for (const name of [...names]) {
    if (!name.endsWith('-setup') || name.endsWith('global-setup')) continue
    const text = readFileSync(join(cwd, 'src', `${name}.ts`), 'utf8')
    for (const match of text.matchAll(/from '\.\/([\w.-]+)\.js'/g)) names.add(match[1])
  }
  for (const name of names) {
    if (!existsSync(join(cwd, 'src', `${name}.ts`)))
      throw new Error(
        `${manifest.name}: entry "${name}" (from package.json or a sibling() call) has no src/${name}.ts`,
      )
  }
  return [...names].sort()
}

const entries = entryNames()
const input = Object.fromEntries(entries.map((name) => [name, join(cwd, 'src', `${name}.ts`)]))
// A source that starts with this line is built as an ES module only (the umbrella's Vitest setup
// file awaits at top level, which CommonJS cannot).
const ESM_ONLY = '// @steadfast-build: esm-only'
const esmOnly = entries.filter((name) =>
  readFileSync(join(cwd, 'src', `${name}.ts`), 'utf8').startsWith(ESM_ONLY),
)
// A source with this line among its first lines is built into one file (an ES module, and a
// CommonJS one) with every module of its package it needs: a Vitest worker's runtime, which every
// test file of the forks pool loads again in a new process, where each module costs a resolution,
// a read and a compile (docs/design/overhead.md). What it shares with the package's other entries
// is a copy; state that must be one per process is kept under a registry symbol, as for Jest's
// copies.
const SELF_CONTAINED = '// @steadfast-build: self-contained'
const selfContained = entries.filter((name) =>
  readFileSync(join(cwd, 'src', `${name}.ts`), 'utf8')
    .split('\n')
    .slice(0, 12)
    .includes(SELF_CONTAINED),
)
const inputs = {
  esm: Object.fromEntries(Object.entries(input).filter(([name]) => !selfContained.includes(name))),
  cjs: Object.fromEntries(
    Object.entries(input).filter(([name]) => !esmOnly.includes(name) && !selfContained.includes(name)),
  ),
}

const ROLLDOWN_INPUT = {
  platform: 'node',
  // Only our own relative imports are bundled; packages (ours included) are resolved at run time.
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
  resolve: { extensionAlias: { '.js': ['.ts', '.js'] } },
  treeshake: true,
  logLevel: 'warn',
}
const ROLLDOWN_OUTPUT = {
  entryFileNames: '[name].js',
  // Beside the entries, not in a subfolder: a module finds its siblings from its own folder.
  chunkFileNames: '_chunk-[name]-[hash].js',
  minify: false,
  sourcemap: false,
  // Keep `exports.x = …` named exports for CommonJS consumers (`require('…').x`).
  exports: 'named',
}
/**
 * A rolldown plugin that leaves `./name.js` imports to be loaded at run time, by name: those of
 * `names` (static or dynamic), or, without names, every relative dynamic import.
 */
function byName(name, names) {
  return {
    name,
    resolveId(source, _importer, options) {
      const match = /^\.\/([\w.-]+)\.js$/.exec(source)
      if (!match) return null
      const keep = names ? names.includes(match[1]) : options.kind === 'dynamic-import'
      return keep ? { id: source, external: true } : null
    },
  }
}
for (const [dir, format] of [
  ['esm', 'esm'],
  ['cjs', 'cjs'],
]) {
  const bundle = await rolldown({
    input: inputs[format],
    ...ROLLDOWN_INPUT,
    // The modules that import a self-contained entry (a part's setup file) import its file.
    plugins: [byName('steadfast:self-contained-by-name', selfContained)],
  })
  await bundle.write({ ...ROLLDOWN_OUTPUT, dir: join(cwd, 'dist', dir), format })
  await bundle.close()
}
// A part's self-contained runtime takes core's `runtime` entry, not its barrel: every test file of
// Vitest's forks pool loads it again, and the barrel is mostly what only the main process needs.
const CORE_RUNTIME = '@steadfast/core/runtime'
/** The names a runtime file takes from core's runtime entry, each of which that entry must have. */
function checkCoreRuntimeNames(file) {
  if (!existsSync(file)) return
  const code = codeOf(file)
  const used = new Set([
    ...[...code.matchAll(/\b_steadfast_core\.(\w+)/g)].map((m) => m[1]),
    ...[...code.matchAll(/import \{([^}]*)\} from "@steadfast\/core\/runtime"/g)].flatMap((m) =>
      m[1]
        .split(',')
        .map((item) => item.trim().split(/\s+as\s+/)[0])
        .filter(Boolean),
    ),
  ])
  const offered = Object.keys(createRequire(join(cwd, 'package.json'))(CORE_RUNTIME))
  const missing = [...used].filter((name) => !offered.includes(name))
  if (missing.length > 0)
    throw new Error(
      `${manifest.name}: ${file} takes ${missing.join(', ')} from @steadfast/core, which core's runtime entry (src/runtime.ts) does not export: add them there`,
    )
}
for (const name of selfContained) {
  const bundle = await rolldown({
    input: { [name]: input[name] },
    ...ROLLDOWN_INPUT,
    // What it loads on first use stays out of the file: the package's own entry of that name, one
    // instance with the rest of the package.
    plugins: [byName('steadfast:dynamic-imports-by-name', undefined)],
  })
  // The CommonJS one too (in place of the one with chunks): the umbrella loads a part's Vitest
  // runtime as one CommonJS script from a V8 code cache (core's codeCache.ts). A `vm.Script` has no
  // `import()` without an experimental Node option that warns in the user's run: there, what loads
  // on first use is required.
  for (const format of esmOnly.includes(name) ? ['esm'] : ['esm', 'cjs'])
    await bundle.write({
      ...ROLLDOWN_OUTPUT,
      dir: join(cwd, 'dist', format),
      format,
      codeSplitting: false,
      dynamicImportInCjs: false,
      ...(manifest.name === '@steadfast/core' ? {} : { paths: { '@steadfast/core': CORE_RUNTIME } }),
    })
  await bundle.close()
  const script = join(cwd, 'dist', 'cjs', `${name}.js`)
  if (manifest.name !== '@steadfast/core')
    for (const format of ['esm', 'cjs']) checkCoreRuntimeNames(join(cwd, 'dist', format, `${name}.js`))
  if (existsSync(script) && /\bimport\(/.test(codeOf(script)))
    throw new Error(`${manifest.name}: dist/cjs/${name}.js calls import(), which a code-cached script cannot`)
}

// Declarations only, one per source file (the ES-module-only ones not for CommonJS).
function tscRun(project, args) {
  const result = spawnSync(process.execPath, [tsc, '-p', project, '--emitDeclarationOnly', ...args], {
    cwd,
    stdio: 'inherit',
  })
  if (result.status !== 0)
    throw new Error(`${manifest.name}: tsc -p ${project} failed (exit ${result.status})`)
}
tscRun('tsconfig.build.json', ['--outDir', 'dist/esm'])
const cjsProject = join(cwd, 'tsconfig.cjs-types.tmp.json')
const base = JSON.parse(readFileSync(join(cwd, 'tsconfig.build.json'), 'utf8'))
writeFileSync(
  cjsProject,
  JSON.stringify({
    extends: './tsconfig.build.json',
    exclude: [...(base.exclude ?? []), ...esmOnly.map((name) => `src/${name}.ts`)],
  }),
)
try {
  tscRun(cjsProject, [
    '--outDir',
    'dist/cjs',
    '--module',
    'commonjs',
    '--moduleResolution',
    'node10',
    '--verbatimModuleSyntax',
    'false',
    '--customConditions',
    'null',
  ])
} finally {
  rmSync(cjsProject, { force: true })
}

for (const [dir, type] of [
  ['esm', 'module'],
  ['cjs', 'commonjs'],
]) {
  mkdirSync(join(cwd, 'dist', dir), { recursive: true })
  writeFileSync(join(cwd, 'dist', dir, 'package.json'), `${JSON.stringify({ type }, null, 2)}\n`)
}

// Every './x.js' the built code names must be there: a file opened by name that the entry scan
// above missed would only fail in a user's run.
for (const dir of ['esm', 'cjs']) {
  const folder = join(cwd, 'dist', dir)
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.js'))) {
    const code = codeOf(join(folder, file))
    for (const match of code.matchAll(/["'`]\.\/([\w.-]+\.js)["'`]/g)) {
      if (!existsSync(join(folder, match[1])))
        throw new Error(
          `${manifest.name}: dist/${dir}/${file} opens ./${match[1]}, which the build did not write`,
        )
    }
  }
}

const built = readdirSync(join(cwd, 'dist', 'esm')).filter((f) => f.endsWith('.js'))
console.log(
  `${manifest.name}: ${entries.length} entries, ${built.length - entries.length} shared chunks (${built
    .filter((f) => f.startsWith('_chunk-'))
    .map((f) => basename(f, '.js'))
    .join(', ')})`,
)
