#!/usr/bin/env node
// The README's commands (`npm run showcase`, `npm test`) land here. They must work on a machine
// with only Node and npm: install with pnpm 10 (fetched through npx when absent), build, then run.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

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

/**
 * Programs from the system's package manager that the tests run for real (respawn's tests start a
 * redis-server). Installed here, not only in .ci/run, so `npm test` on a fresh machine needs nothing
 * done by hand. Where no known package manager can install one, stop before any test, naming what
 * is missing and how to get it.
 */
const SYSTEM_PROGRAMS = [{ program: 'redis-server', apt: 'redis-server', brew: 'redis' }]

function onPath(program) {
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0
}

function systemPrograms() {
  const missing = SYSTEM_PROGRAMS.filter(({ program }) => !onPath(program))
  if (missing.length === 0) return
  const names = missing.map(({ program }) => program).join(', ')
  if (process.platform === 'linux' && onPath('apt-get')) {
    const root = typeof process.getuid === 'function' && process.getuid() === 0
    const sudo = root ? [] : onPath('sudo') ? ['sudo'] : undefined
    if (sudo) {
      console.log(`Installing ${names} for the tests (apt-get)…`)
      const env = ['env', 'DEBIAN_FRONTEND=noninteractive']
      const [command, ...lead] = [...sudo, ...env]
      must(command, [...lead, 'apt-get', 'update', '-qq'])
      must(command, [
        ...lead,
        'apt-get',
        'install',
        '-y',
        '-qq',
        '--no-install-recommends',
        ...missing.map(({ apt }) => apt),
      ])
      return
    }
  }
  if (process.platform === 'darwin' && onPath('brew')) {
    console.log(`Installing ${names} for the tests (brew)…`)
    must('brew', ['install', ...missing.map(({ brew }) => brew)])
    return
  }
  console.error(
    `\n✗ The tests run ${names}, which is not installed and cannot be installed from here ` +
      `(no apt-get with root or sudo, no brew). Install it (Debian: apt-get install ${missing
        .map(({ apt }) => apt)
        .join(
          ' ',
        )}; macOS: brew install ${missing.map(({ brew }) => brew).join(' ')}) and run npm test again.`,
  )
  process.exit(1)
}

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
    systemPrograms()
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
