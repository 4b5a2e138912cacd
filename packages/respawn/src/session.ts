// The process of one test file: started on first use, checked before every test, respawned when
// dead or unhealthy, degraded when it cannot be brought back, killed (whole tree) at file end.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ResolvedCheck } from './_checkOptions.js'
import { Instance } from './_instance.js'
import { type PortLease, reservePort } from './_ports.js'
import { type Probe, portInUse, probeOnce } from './_probes.js'
import { type ReadyCheck, type StartFailure, waitReady } from './_ready.js'
import { register, unregister } from './_registry.js'
import { expand, type TemplateValues } from './_templates.js'
import { within } from './_within.js'
import type { WorkerState } from './_worker.js'
import {
  type DegradedDetails,
  type DegradedReason,
  describeExit,
  formatLogs,
  ProcessDegradedError,
} from './errors.js'
import type { ProcessExit, ProcessHandle, ProcessLogs } from './handle.js'
import type { ResolvedProcessOptions } from './options.js'

/** The test about to run, as the adapter knows it. */
export interface TestInfo {
  /** Full name ("describe > test"), for messages and the artifact. */
  name: string | undefined
  /** Whether this is a retry of a test that failed: a degraded process gets one more start. */
  retry: boolean
}

type State = 'idle' | 'running' | 'degraded' | 'stopped'

export class Session {
  readonly options: ResolvedProcessOptions
  /** Test file, relative to the project root. */
  readonly file: string
  readonly handle: ProcessHandle
  readonly #worker: WorkerState
  #state: State = 'idle'
  #instance: Instance | undefined
  #respawns = 0
  #degraded: DegradedDetails | undefined
  #port: PortLease | undefined
  #tmpdir: string | undefined
  #values: TemplateValues | undefined
  #queue: Promise<unknown> = Promise.resolve()

  constructor(options: ResolvedProcessOptions, file: string, worker: WorkerState) {
    this.options = options
    this.file = file
    this.#worker = worker
    this.handle = this.#makeHandle()
  }

  /** Whether it was stopped at the end of its file. */
  get stopped(): boolean {
    return this.#state === 'stopped'
  }

  /**
   * Before a test: starts the process on first use; otherwise checks liveness (the exit event) and
   * health, and respawns it when needed. Resolves with a note for the test when it respawned.
   *
   * @throws ProcessDegradedError when the process cannot be brought back, now or earlier in the file.
   */
  ensure(test: TestInfo): Promise<string | undefined> {
    return this.#serial(async () => {
      if (this.#state === 'idle' || this.#state === 'stopped') {
        await this.#firstStart(test)
        return undefined
      }
      if (this.#state === 'degraded') {
        if (!test.retry) throw this.#error(this.#degraded as DegradedDetails)
        await this.#firstStart(test)
        return `[steadfast/respawn] "${this.options.name}" came back for the retry of "${test.name ?? 'this test'}"`
      }
      const instance = this.#instance as Instance
      // A process the kernel already flags as exiting may still accept connections (its sockets
      // close late in its exit): its exit event is on its way, so wait for it rather than pass it.
      if (instance.exiting()) await instance.exited
      if (!instance.dead && this.options.health) {
        const result = await probeOnce(this.#probe(this.options.health) as Probe, this.handle)
        // A check refused because the process is exiting: its exit event is on its way. Wait for
        // it, so the cause reported is the exit, not the failed check.
        if (result !== true && instance.exiting()) await instance.exited
        if (result !== true && !instance.dead)
          return this.#respawn(`its health check failed (${result})`, test)
      }
      if (instance.dead) return this.#respawn(`it exited (${describeExit(instance.exit)})`, test)
      return undefined
    })
  }

  /** At file end: kills the whole tree, gives the port back, removes the tmpdir. Idempotent. */
  stop(): Promise<void> {
    return this.#serial(async () => {
      if (this.#state === 'idle' || this.#state === 'stopped') return
      await this.#kill()
      this.#state = 'stopped'
      this.#port?.release()
      this.#port = undefined
      if (this.#tmpdir) rmSync(this.#tmpdir, { recursive: true, force: true })
      this.#tmpdir = undefined
      this.#values = undefined
    })
  }

  // Concurrent tests (test.concurrent) call ensure() together: one start, one respawn at a time.
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work)
    this.#queue = next.catch(() => {})
    return next
  }

  async #firstStart(test: TestInfo): Promise<void> {
    this.#respawns = 0
    this.#degraded = undefined
    await this.#templateValues()
    const taken = await this.#literalPortTaken()
    if (taken) this.#degrade({ reason: 'port-taken', what: taken }, undefined, test)
    const failure = await this.#launch()
    if (failure) this.#degrade(failure, this.#instance, test)
    this.#state = 'running'
  }

  async #respawn(cause: string, test: TestInfo): Promise<string> {
    const old = this.#instance as Instance
    // Dead before we touched it: its own exit is the cause. Else the failed check is, and we kill it.
    const wasDead = old.dead
    await this.#kill()
    const exit = old.exit
    const logs = old.output.logs()
    const what = wasDead ? cause : `${cause}; killed it`
    if (this.#respawns >= this.options.maxRespawns) {
      this.#degrade(
        {
          reason: 'max-respawns',
          what: `${what}, and its ${this.options.maxRespawns} ${this.options.maxRespawns === 1 ? 'respawn' : 'respawns'} for this file are spent`,
        },
        old,
        test,
      )
    }
    this.#respawns++
    const failure = await this.#launch()
    if (failure) {
      this.#degrade(
        { ...failure, what: `${failure.what}, while respawning it after ${what}` },
        this.#instance,
        test,
      )
    }
    this.#record('respawned', test, what, exit, logs)
    return `[steadfast/respawn] "${this.options.name}" respawned before test "${test.name ?? '?'}": ${what}.\n${formatLogs(logs, 5)}`
  }

  /** Spawns and waits until ready; on failure kills what it spawned and says why. */
  async #launch(): Promise<StartFailure | undefined> {
    const values = await this.#templateValues()
    const { options } = this
    const instance = new Instance({
      command: options.command,
      args: options.args.map((arg) => expand(arg, values)),
      cwd: options.cwd === undefined ? this.#worker.root : expand(options.cwd, values),
      env: {
        ...process.env,
        ...Object.fromEntries(Object.entries(options.env).map(([k, v]) => [k, expand(v, values)])),
      },
      logLines: options.logLines,
    })
    this.#instance = instance
    if (instance.id.pid > 0) {
      this.#register(instance)
      this.#worker.watchdog().add(instance.id, options.stopTimeout)
    }
    const ready = options.ready ? this.#readyCheck(options.ready) : undefined
    const result = await waitReady(instance, ready, this.handle, options.startTimeout)
    if (result === true) {
      // Descendants now, while their parents live: a setsid one is out of the group.
      instance.recordMembers()
      this.#register(instance)
      return undefined
    }
    await this.#kill()
    return result
  }

  /** Kills the current tree (if any) and forgets it everywhere. */
  async #kill(): Promise<void> {
    const instance = this.#instance
    if (!instance || instance.id.pid <= 0) return
    await instance.stop(this.options.stopSignal, this.options.stopTimeout)
    unregister(this.#worker.settings.dir, instance.id)
    this.#worker.watchdog().remove(instance.id)
  }

  #register(instance: Instance): void {
    register(this.#worker.settings.dir, {
      kind: 'steadfast-respawn-pid',
      version: 1,
      pid: instance.id.pid,
      start: instance.id.start,
      name: this.options.name,
      command: this.#commandLine(),
      file: this.file,
      owner: this.#worker.owner,
      runId: this.#worker.settings.runId,
      members: [...instance.members.values()],
      stopTimeout: this.options.stopTimeout,
    })
  }

  #degrade(
    failure: { reason: DegradedReason; what: string; cause?: unknown },
    instance: Instance | undefined,
    test: TestInfo,
  ): never {
    const logs = instance?.output.logs() ?? { stdout: [], stderr: [] }
    const exit = instance?.exit
    const details: DegradedDetails = {
      reason: failure.reason,
      process: this.options.name,
      command: this.#commandLine(),
      what: failure.what,
      exit: failure.reason === 'ready-timeout' || failure.reason === 'port-taken' ? undefined : exit,
      logs,
      fix: ProcessDegradedError.fixFor(failure.reason),
      cause: failure.cause,
    }
    this.#degraded = details
    this.#state = 'degraded'
    const said = details.exit ? describeExit(details.exit) : ''
    const cause = said && !failure.what.includes(said) ? `${failure.what} (${said})` : failure.what
    this.#record('degraded', test, cause, details.exit, logs, failure.reason)
    throw this.#error(details)
  }

  /** The error for `details`, its stack at the user's defineProcess call (the runner shows that line). */
  #error(details: DegradedDetails): ProcessDegradedError {
    const error = new ProcessDegradedError(details)
    if (this.options.definedAt) error.stack = `${error.name}: ${error.message}${this.options.definedAt}`
    return error
  }

  #record(
    outcome: 'respawned' | 'degraded',
    test: TestInfo,
    cause: string,
    exit: ProcessExit | undefined,
    logs: ProcessLogs,
    reason?: string,
  ): void {
    try {
      this.#worker.artifact().add({
        file: this.file,
        process: this.options.name,
        outcome,
        test: test.name,
        cause,
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        ...(reason ? { reason } : {}),
        stderr: logs.stderr,
        stdout: logs.stdout,
      })
    } catch (error) {
      console.warn(`[steadfast/respawn] could not write the artifact: ${(error as Error).message}`)
    }
  }

  async #templateValues(): Promise<TemplateValues> {
    if (this.#values) return this.#values
    if (this.options.usesPort && !this.#port) {
      this.#port = await reservePort(this.#worker.settings.dir, {
        ...this.#worker.owner,
        runId: this.#worker.settings.runId,
      })
    }
    // mkdtemp: a random name, mode 0700; never a guessable path two workers could race for.
    this.#tmpdir ??= mkdtempSync(join(tmpdir(), `steadfast-${this.options.name.replace(/[^\w.-]/g, '_')}-`))
    this.#values = { port: String(this.#port?.port ?? ''), tmpdir: this.#tmpdir, name: this.options.name }
    return this.#values
  }

  /**
   * A ready or health check on a fixed port (no `{port}`) that already answers before we start:
   * the check would pass against another program. Says so, naming the option and the value.
   */
  async #literalPortTaken(): Promise<string | undefined> {
    for (const [path, check] of [
      ['ready', this.options.ready],
      ['health', this.options.health],
    ] as const) {
      if (!check || (check.kind !== 'http' && check.kind !== 'tcp')) continue
      const written = check.kind === 'http' ? check.url : check.port
      if (written.includes('{port}')) continue
      const probe = this.#probe(check) as Probe
      const target = probe.kind === 'http' ? new URL(probe.url) : undefined
      const host = probe.kind === 'tcp' ? probe.host : (target?.hostname ?? '127.0.0.1')
      const port =
        probe.kind === 'tcp' ? probe.port : Number(target?.port || (target?.protocol === 'https:' ? 443 : 80))
      if (await portInUse(host.replace(/^\[|\]$/g, ''), port)) {
        return `port ${port} of its ${path} check (option "${path}.${check.kind}": ${JSON.stringify(written)}) is already taken by another program before it started, so the check would pass against that program`
      }
    }
    return undefined
  }

  #probe(check: ResolvedCheck): Probe | ReadyCheck {
    const values = this.#values as TemplateValues
    switch (check.kind) {
      case 'http':
        return { kind: 'http', url: expand(check.url, values), status: check.status, timeout: check.timeout }
      case 'tcp':
        return {
          kind: 'tcp',
          port: Number(expand(check.port, values)),
          host: check.host,
          timeout: check.timeout,
        }
      case 'check':
        return { kind: 'check', fn: check.fn, timeout: check.timeout }
      case 'log':
        return { kind: 'log', pattern: check.pattern, timeout: check.timeout }
    }
  }

  #readyCheck(check: ResolvedCheck): ReadyCheck {
    return this.#probe(check)
  }

  #commandLine(): string {
    const values = this.#values
    const args = values ? this.options.args.map((arg) => expand(arg, values)) : this.options.args
    return [this.options.command, ...args]
      .map((part) => (/^[\w@%+=:,./{}-]+$/.test(part) ? part : JSON.stringify(part)))
      .join(' ')
  }

  #makeHandle(): ProcessHandle {
    const session = this
    const current = (): Instance => {
      if (!session.#instance) throw new Error(`process "${session.options.name}" has not started yet`)
      return session.#instance
    }
    return {
      get name() {
        return session.options.name
      },
      get url() {
        return expand(
          session.options.url,
          session.#values ?? { port: '', tmpdir: '', name: session.options.name },
        )
      },
      get port() {
        return session.#port?.port
      },
      get pid() {
        return current().id.pid
      },
      get tmpdir() {
        return session.#tmpdir ?? ''
      },
      logs() {
        return current().output.logs()
      },
      restart() {
        return session.#serial(async () => {
          await session.#kill()
          const failure = await session.#launch()
          if (failure) session.#degrade(failure, session.#instance, { name: undefined, retry: false })
          session.#state = 'running'
        })
      },
      async kill(signal: NodeJS.Signals = 'SIGKILL') {
        const instance = current()
        instance.signal(signal)
        return within(instance.exited, session.options.stopTimeout)
      },
    }
  }
}
