#!/usr/bin/env node
// Builds the package in the current directory to dist/esm (ESM) and dist/cjs (CommonJS), each with
// its declarations, one readable file per source file. Two tsc passes rather than a bundler: the
// output mirrors the sources, and the CommonJS declarations sit under a `"type": "commonjs"`
// package.json so TypeScript reads them as CommonJS for `require` consumers.
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const cwd = process.cwd()
const tsc = createRequire(join(cwd, 'package.json')).resolve('typescript/bin/tsc')

rmSync(join(cwd, 'dist'), { recursive: true, force: true })

function run(args) {
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', ...args], {
    cwd,
    stdio: 'inherit',
  })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

run(['--outDir', 'dist/esm'])
run([
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

for (const [dir, type] of [
  ['esm', 'module'],
  ['cjs', 'commonjs'],
]) {
  mkdirSync(join(cwd, 'dist', dir), { recursive: true })
  writeFileSync(join(cwd, 'dist', dir, 'package.json'), `${JSON.stringify({ type }, null, 2)}\n`)
}
