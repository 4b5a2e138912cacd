// The worker's side of the watchdog (see watchdog.ts): started on the first spawn of a worker,
// told of every process added and removed. Unref'd both ways: it never keeps the worker alive,
// and the worker's death is exactly what it waits for.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import type { Socket } from 'node:net'
import { sibling } from './_here.js'
import type { ProcessId } from './_proc.js'

export class WatchdogClient {
  readonly #child: ChildProcess | undefined

  constructor() {
    // In this repo's unit tests the code runs from src/, where there is no watchdog.js to run.
    const script = sibling('watchdog.js')
    if (!existsSync(script)) return
    this.#child = spawn(process.execPath, [script], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      // No inherited NODE_OPTIONS (a loader, an inspector) in a process that must just run.
      env: { PATH: process.env.PATH ?? '' },
    })
    this.#child.on('error', () => {})
    this.#child.stdin?.on('error', () => {})
    this.#child.unref()
    ;(this.#child.stdin as Socket | null)?.unref?.()
  }

  /** The watchdog's pid, if it runs. */
  get pid(): number | undefined {
    return this.#child?.pid
  }

  add(id: ProcessId, grace: number): void {
    this.#child?.stdin?.write(`add ${id.pid} ${id.start} ${grace}\n`)
  }

  remove(id: ProcessId): void {
    this.#child?.stdin?.write(`del ${id.pid}\n`)
  }
}
