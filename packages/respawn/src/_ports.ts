// Free ports that parallel workers never share. The OS hands out a free port for a bind to port 0;
// between closing that socket and the process binding it, another worker may be handed the same
// one. A lock file per port in the run directory, created exclusively, settles who owns it.
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs'
import net from 'node:net'
import { join } from 'node:path'
import { isRunning, type ProcessId } from './_proc.js'

/** A port this worker holds until `release()`. */
export interface PortLease {
  port: number
  release(): void
}

function osFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.once('error', reject)
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Who holds a port: the worker, and the run it belongs to. */
export type PortHolder = ProcessId & { runId: string | undefined }

function tryLock(file: string, owner: PortHolder): boolean {
  try {
    const fd = openSync(file, 'wx')
    writeSync(fd, JSON.stringify(owner))
    closeSync(fd)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  // Held: by a live worker (then it is theirs), or left by a dead one (then take it over).
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as ProcessId
    if (isRunning(holder)) return false
  } catch {
    // half-written by a worker that died mid-write: stale
  }
  rmSync(file, { force: true })
  return tryLock(file, owner)
}

/** Reserves a free port on 127.0.0.1 for this worker, unique among the run's workers. */
export async function reservePort(runDir: string, owner: PortHolder): Promise<PortLease> {
  const dir = join(runDir, 'respawn', 'ports')
  mkdirSync(dir, { recursive: true })
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await osFreePort()
    const file = join(dir, `${port}.lock`)
    if (tryLock(file, owner)) return { port, release: () => rmSync(file, { force: true }) }
  }
  throw new Error(
    'no free port found in 50 attempts (every port the OS offered was locked by another worker)',
  )
}

/**
 * Removes the locks of dead workers, and at the end of a run (`runId` given) every lock of that
 * run: a worker thread that was stopped before its teardown leaves its process alive.
 */
export function clearPortLocks(runDir: string, runId?: string): void {
  const dir = join(runDir, 'respawn', 'ports')
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return
  }
  for (const name of names) {
    const file = join(dir, name)
    try {
      const holder = JSON.parse(readFileSync(file, 'utf8')) as PortHolder
      if ((runId !== undefined && holder.runId === runId) || !isRunning(holder)) rmSync(file, { force: true })
    } catch {
      rmSync(file, { force: true })
    }
  }
}
