#!/usr/bin/env node
// The README's commands (`npm run showcase`, `npm test`) land here. They must work on a machine
// with only Node and npm: install with pnpm 10 (fetched through npx when absent), build, then run.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureSystemPrograms } from './system-programs.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const PNPM_VERSION = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1]

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options })
  if (result.error) throw result.error
  return result.status ?? 1
}

function must(command, args, options) {
  const status = run(command, args, options)
  if (status !== 0) {
    console.error(`\n✗ ${command} ${args.join(' ')} failed (exit ${status})`)
    process.exit(status)
  }
}

/** pnpm as [command, ...leading args]: the one on PATH when it is the pinned major, else npx. */
function pnpm() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' })
  if (probe.status === 0 && probe.stdout.trim().split('.')[0] === PNPM_VERSION.split('.')[0]) return ['pnpm']
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`]
}

function pnpmRun(args) {
  const [command, ...lead] = pnpm()
  return run(command, [...lead, ...args])
}

function pnpmMust(args) {
  const [command, ...lead] = pnpm()
  must(command, [...lead, ...args])
}

function installed() {
  const marker = join(root, 'node_modules', '.modules.yaml')
  return existsSync(marker) && statSync(marker).mtimeMs >= statSync(join(root, 'pnpm-lock.yaml')).mtimeMs
}

/** Programs the tests run for real (respawn's tests start a redis-server). */
const SYSTEM_PROGRAMS = [{ program: 'redis-server', apt: 'redis-server', brew: 'redis' }]

function setup() {
  if (!installed() || process.env.CI) pnpmMust(['install', '--frozen-lockfile'])
  pnpmMust(['build'])
}

const [task = 'test', ...rest] = process.argv.slice(2)
switch (task) {
  case 'setup':
    setup()
    break
  case 'test': {
    setup()
    ensureSystemPrograms(SYSTEM_PROGRAMS, 'for the tests')
    mkdirSync(join(root, '.tmp'), { recursive: true })
    const report = join(root, '.tmp', 'test-report.json')
    const status = pnpmRun([
      'exec',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...rest,
    ])
    if (existsSync(report)) {
      const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(report, 'utf8'))
      console.log(`\ntests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests} skipped`)
    }
    process.exit(status)
    break
  }
  case 'showcase':
    setup()
    process.exit(run(process.execPath, [join(root, 'scripts', 'showcase.mjs'), ...rest]))
    break
  case 'bench':
    setup()
    process.exit(pnpmRun(['--filter', '@steadfast/bench', 'run', 'bench', ...rest]))
    break
  case 'check':
    setup()
    pnpmMust(['lint'])
    pnpmMust(['typecheck'])
    break
  default:
    console.error(`Unknown task "${task}". Use one of: setup, test, showcase, bench, check.`)
    process.exit(2)
}
