// The instruction counter of the overhead benchmark (issue 29): a command run under Valgrind
// (cachegrind without its cache simulation, following every child process), and the CPU
// instructions each process executed, the runner's main process and each worker apart. Wall and CPU
// times on a shared 2-core machine move by ±20 % between runs; the instructions of a run move by
// well under 1 %, so a change of a few percent a test file shows in one run.
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensureSystemPrograms } from '../scripts/system-programs.mjs'

/** Valgrind, installed the way `npm test` installs redis-server. */
export function ensureValgrind() {
  ensureSystemPrograms([{ program: 'valgrind', apt: 'valgrind', brew: 'valgrind' }], 'to count instructions')
}

// A worker of Vitest (forks pool: a child process per test file) or of Jest (jest-worker). Vitest's
// `threads` pool runs its workers as threads of the main process: they count as main. A shell or
// npm process around the runner is not counted.
const WORKER =
  /vitest\d*\/dist\/workers\/|\/vitest\/dist\/workers\/|jest-worker\/build\/(processChild|workers\/)/
const SKIP = /^(\/usr\/bin\/)?(sh|bash|dash)\b|\/npx(-cli)?(\.js)?\b|\/npm(-cli)?(\.js)?\b/

/**
 * Runs `bin args` in `cwd` under Valgrind and returns, per process it started (the command itself
 * included), its role (`main` or `worker`), the instructions it executed and its command line, with
 * the exit code and output of the command.
 * @param {string} bin
 * @param {string[]} args
 * `skipArgs` (a Valgrind glob over a child's arguments) leaves the children it matches uncounted,
 * running natively: with the workers skipped, the runner's main process is counted alone, without
 * the polling it does while slowed workers run.
 * @param {{ cwd: string, env: NodeJS.ProcessEnv, timeout?: number, skipArgs?: string }} options
 */
export async function countInstructions(bin, args, { cwd, env, timeout = 1_800_000, skipArgs }) {
  const logs = mkdtempSync(join(tmpdir(), 'steadfast-icount-'))
  try {
    const child = spawn(
      'valgrind',
      [
        '--tool=cachegrind',
        '--cache-sim=no',
        '--cachegrind-out-file=/dev/null',
        '--trace-children=yes',
        ...(skipArgs ? [`--trace-children-skip-by-arg=${skipArgs}`] : []),
        `--log-file=${join(logs, 'vg.%p')}`,
        bin,
        ...args,
      ],
      { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk
    })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      try {
        process.kill(-(child.pid ?? 0), 'SIGKILL')
      } catch {
        // already gone
      }
    }, timeout)
    const exitCode = await new Promise((resolve, reject) => {
      child.once('error', reject)
      child.once('close', (code) => resolve(code))
    })
    clearTimeout(timer)
    if (timedOut)
      throw new Error(`${bin} ${args.join(' ')} did not finish within ${timeout} ms under valgrind in ${cwd}`)
    const processes = []
    for (const name of readdirSync(logs)) {
      const text = readFileSync(join(logs, name), 'utf8')
      const command = /==\d+== Command: (.*)/.exec(text)?.[1] ?? '?'
      const refs = /I\s+refs:\s+([\d,]+)/.exec(text)?.[1]
      // A process that exec()s another has two logs; the one without a count is the replaced image.
      if (refs === undefined || SKIP.test(command)) continue
      processes.push({
        role: WORKER.test(command) ? 'worker' : 'main',
        instructions: Number(refs.replaceAll(',', '')),
        command: command.length > 300 ? `${command.slice(0, 300)}…` : command,
      })
    }
    return { exitCode, stdout, stderr, processes }
  } finally {
    rmSync(logs, { recursive: true, force: true })
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  if (s.length === 0) return 0
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/** A run's processes summed up: the whole run, the main process(es), the workers and their median. */
export function totals(processes) {
  const workers = processes.filter((p) => p.role === 'worker').map((p) => p.instructions)
  const main = processes.filter((p) => p.role === 'main').reduce((sum, p) => sum + p.instructions, 0)
  return {
    total: processes.reduce((sum, p) => sum + p.instructions, 0),
    main,
    workers: workers.length,
    workerMedian: median(workers),
    workerSum: workers.reduce((sum, x) => sum + x, 0),
  }
}
