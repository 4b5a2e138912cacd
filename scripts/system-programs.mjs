// Programs from the system's package manager that a command needs (the tests start a real
// redis-server; the overhead benchmark counts instructions under valgrind). Installed on demand, so a
// fresh machine needs nothing done by hand. Where no known package manager can install one, the
// process stops before any work, naming what is missing and how to get it.
import { spawnSync } from 'node:child_process'

/** Whether `program` is on the PATH. */
export function onPath(program) {
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0
}

function must(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' })
  if (result.error) throw result.error
  if (result.status !== 0) {
    console.error(`\n✗ ${command} ${args.join(' ')} failed (exit ${result.status})`)
    process.exit(result.status ?? 1)
  }
}

/**
 * Installs each of `programs` that is not on the PATH: apt-get (as root or through sudo) on Linux,
 * brew on macOS. `why` ends the line that says what is being installed ("for the tests").
 * @param {{ program: string, apt: string, brew: string }[]} programs
 * @param {string} why
 */
export function ensureSystemPrograms(programs, why) {
  const missing = programs.filter(({ program }) => !onPath(program))
  if (missing.length === 0) return
  const names = missing.map(({ program }) => program).join(', ')
  if (process.platform === 'linux' && onPath('apt-get')) {
    const root = typeof process.getuid === 'function' && process.getuid() === 0
    const sudo = root ? [] : onPath('sudo') ? ['sudo'] : undefined
    if (sudo) {
      console.log(`Installing ${names} ${why} (apt-get)…`)
      const [command, ...lead] = [...sudo, 'env', 'DEBIAN_FRONTEND=noninteractive']
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
    console.log(`Installing ${names} ${why} (brew)…`)
    must('brew', ['install', ...missing.map(({ brew }) => brew)])
    return
  }
  console.error(
    `\n✗ ${names} ${missing.length === 1 ? 'is' : 'are'} needed ${why} and cannot be installed from here ` +
      `(no apt-get with root or sudo, no brew). Install ${missing.length === 1 ? 'it' : 'them'} (Debian: apt-get install ` +
      `${missing.map(({ apt }) => apt).join(' ')}; macOS: brew install ${missing.map(({ brew }) => brew).join(' ')}) and run the command again.`,
  )
  process.exit(1)
}
