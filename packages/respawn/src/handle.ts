/** Why a process stopped: its exit code, or the signal that ended it. */
export interface ProcessExit {
  /** The exit code, or null when a signal ended it. */
  code: number | null
  /** The signal that ended it, or null when it exited by itself. */
  signal: NodeJS.Signals | null
}

/** The last lines a process wrote, oldest first, `logLines` of each stream at most. */
export interface ProcessLogs {
  stdout: string[]
  stderr: string[]
}

/**
 * A running process of one test file, as tests see it. The same object for the whole file: after
 * a respawn `pid` changes, while `url`, `port` and `tmpdir` stay what they were.
 */
export interface ProcessHandle {
  /** The `name` of its definition. */
  readonly name: string
  /** Base URL: the `url` option, the origin of an `http` check, or `http://127.0.0.1:{port}`. */
  readonly url: string
  /** The port `{port}` stands for (reserved for this file); undefined when no template uses it. */
  readonly port: number | undefined
  /** Pid of the current process (the group leader of its tree). */
  readonly pid: number
  /** The private directory `{tmpdir}` stands for, removed at the end of the file. */
  readonly tmpdir: string
  /** The last `logLines` lines of stdout and stderr of the current process. */
  logs(): ProcessLogs
  /** Kills the whole tree and starts a fresh process (same port and tmpdir); resolves once ready. */
  restart(): Promise<void>
  /**
   * Sends `signal` to the process (not its tree) and resolves with how it ended, or undefined when
   * it still runs after `stopTimeout`. For crash tests: the next test sees it dead and respawns it.
   * @default signal 'SIGKILL'
   */
  kill(signal?: NodeJS.Signals): Promise<ProcessExit | undefined>
}
