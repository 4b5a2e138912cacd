// The showcase's last claim: nothing it started outlives the run. @steadfast/respawn starts the jobs
// app's server (and the server its worker) with the test project as working directory, so a process
// of the jobs app whose working directory is that project, still there once the runner has exited,
// is one it left behind. Linux only (it reads /proc); elsewhere it finds nothing.
import { readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs'

/** Processes of the jobs app still running in `project` (its folder), as "pid command line". */
export function jobsAppProcessesIn(project) {
  const dir = realpathSync(project)
  let pids = []
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name))
  } catch {
    return []
  }
  return pids.flatMap((pid) => {
    try {
      if (readlinkSync(`/proc/${pid}/cwd`) !== dir) return []
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim()
      return command.includes('jobs-app') ? [`${pid} ${command}`] : []
    } catch {
      // gone meanwhile, or another user's
      return []
    }
  })
}
