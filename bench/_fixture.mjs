// Fixture projects for benchmarks that run a real Vitest or Jest: a temp folder with the project's
// files, a copy of each built workspace package (package.json + dist, as users get them from npm),
// their third-party dependencies linked flat beside them, and the runner linked as `vitest`/`jest`.
// The packages are installed by scripts/fixture-project.mjs, as in tests/harness.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { installWorkspacePackages, runnerEnv, WORKSPACE_PACKAGES } from '../scripts/fixture-project.mjs'
import { hr, msBetween, repoRoot } from './_lib.mjs'

export { WORKSPACE_PACKAGES }

/** A runner installed under an alias in tests/node_modules (`vitest4`, `jest30`...), resolved. */
export function runnerInfo(id) {
  const kind = id.startsWith('vitest') ? 'vitest' : 'jest'
  const alias = join(repoRoot, 'tests', 'node_modules', id)
  if (!existsSync(alias)) throw new Error(`${id} is not installed at ${alias}: run \`pnpm install\` first`)
  const packageDir = realpathSync(alias)
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
  const bin = kind === 'vitest' ? join(packageDir, 'vitest.mjs') : join(packageDir, 'bin', 'jest.js')
  return { id, kind, version, packageDir, bin }
}

const dirs = new Set()

/**
 * Writes `files` into a fresh temp folder and makes the runner and every @steadfast/* package
 * resolvable from it. Returns the folder (removed by `cleanupFixtures`).
 */
export async function createFixture(runner, files, label = runner.id) {
  const dir = join(tmpdir(), `steadfast-bench-${label}-${randomBytes(4).toString('hex')}`)
  dirs.add(dir)
  await Promise.all(
    Object.entries(files).map(async ([path, content]) => {
      await mkdir(dirname(join(dir, path)), { recursive: true })
      await writeFile(join(dir, path), content)
    }),
  )
  await installWorkspacePackages(dir, { [runner.kind]: runner.packageDir })
  return dir
}

/**
 * User + system CPU time (ms) of this process's children that have been waited for, from
 * /proc/self/stat (cutime + cstime, in clock ticks of 10 ms). Undefined off Linux.
 */
export function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // Fields 16 and 17 of proc(5), counted from 1; field 3 is the first after the command name.
    return (Number(fields[13]) + Number(fields[14])) * 10
  } catch {
    return undefined
  }
}

/**
 * Runs the runner's CLI in `dir` with `args` (in a process group of its own, killed whole after
 * `timeout` ms). Returns the wall time from spawn to exit, the CPU time of the process and the
 * children it waited for, exit code and output. `onSpawn` gets the child process as soon as it runs
 * (its pid is the process group's id, for sampling its memory). `node` is the Node binary to run it
 * with (this process's by default); its folder comes first on the PATH, so that a test which
 * starts `node` gets the same one. `nodeArgs` go to that Node before the runner's script.
 */
export async function runRunner(
  runner,
  dir,
  args,
  { env, timeout = 120_000, onSpawn, node, nodeArgs = [] } = {},
) {
  const cpuBefore = childrenCpuMs()
  const start = hr()
  const childEnv = runnerEnv(env)
  if (node) childEnv.PATH = [dirname(node), childEnv.PATH].filter(Boolean).join(delimiter)
  const child = spawn(node ?? process.execPath, [...nodeArgs, runner.bin, ...args], {
    cwd: dir,
    env: childEnv,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  onSpawn?.(child)
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
    killGroup(child)
  }, timeout)
  const [exitCode, signal] = await new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code, sig) => resolve([code, sig]))
  })
  const wallMs = msBetween(start, hr())
  const cpuAfter = childrenCpuMs()
  // Wait for the pipes to drain; then take whatever it left in its group with it.
  if (child.stdout.readable || child.stderr.readable) {
    await new Promise((resolve) => child.once('close', resolve))
  }
  clearTimeout(timer)
  killGroup(child)
  if (timedOut) {
    throw new Error(
      `${runner.id} did not finish within ${timeout} ms in ${dir}; killed.\n${stdout}\n${stderr}`,
    )
  }
  const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore
  return { wallMs, cpuMs, exitCode, signal, stdout, stderr }
}

/** The pids of a process group, from /proc (Linux). */
export function groupPids(pgid) {
  const pids = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(fields[2]) === pgid) pids.push(Number(name))
    } catch {
      // gone meanwhile
    }
  }
  return pids
}

/** A process's resident set now and its high-water mark (VmRSS, VmHWM), in KiB; zeros when gone. */
function memoryKb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return {
      rss: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0),
      hwm: Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0),
    }
  } catch {
    return { rss: 0, hwm: 0 }
  }
}

/**
 * Peak memory of a run, sampled every `everyMs` over the processes of the runner's group (the
 * runner and its workers; a run is spawned as a group leader, see runRunner). Returns a `stop()`
 * that gives `peakKb`: the highest sum of their resident sets at one sample (a peak shorter than
 * the interval can be missed), and `largestHwmKb`: the highest high-water mark (VmHWM, kept by the
 * kernel, so not sampled) any one of them reached, as last read before it exited.
 */
export function sampleMemory(getPid, everyMs = 25) {
  let peakKb = 0
  let largestHwmKb = 0
  const timer = setInterval(() => {
    const pid = getPid()
    if (pid === undefined) return
    let sum = 0
    for (const member of groupPids(pid)) {
      const { rss, hwm } = memoryKb(member)
      sum += rss
      if (hwm > largestHwmKb) largestHwmKb = hwm
    }
    if (sum > peakKb) peakKb = sum
  }, everyMs)
  return () => {
    clearInterval(timer)
    return { peakKb, largestHwmKb }
  }
}

function killGroup(child) {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

/** Removes every fixture folder made by this process (kept when STEADFAST_KEEP_FIXTURES=1). */
export async function cleanupFixtures() {
  if (process.env.STEADFAST_KEEP_FIXTURES === '1') return [...dirs]
  await Promise.all([...dirs].map((dir) => rm(dir, { recursive: true, force: true })))
  dirs.clear()
  return []
}
