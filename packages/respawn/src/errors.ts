import { SteadfastError } from '@steadfast/core'
import type { ProcessExit, ProcessLogs } from './handle.js'

/** Why a process could not be brought back. */
export type DegradedReason =
  /** It could not be spawned at all (ENOENT, EACCES...). */
  | 'start-failed'
  /** It exited before its ready check passed. */
  | 'exited-before-ready'
  /** Its ready check did not pass within `startTimeout`. */
  | 'ready-timeout'
  /** It died or went unhealthy again after `maxRespawns` respawns in this file. */
  | 'max-respawns'
  /** The port its ready or health check names was taken by another program before it started. */
  | 'port-taken'

/** What a {@link ProcessDegradedError} is made of. */
export interface DegradedDetails {
  reason: DegradedReason
  /** The process's `name`. */
  process: string
  /** The command line, templates expanded. */
  command: string
  /** One sentence: what happened. */
  what: string
  /** How the last process ended, when it did. */
  exit: ProcessExit | undefined
  /** Its last lines of output. */
  logs: ProcessLogs
  /** What to do about it. */
  fix: string
  /** The underlying error (spawn's, the last check's), if any. */
  cause?: unknown
}

const FIXES: Record<DegradedReason, string> = {
  'start-failed': 'check the command and its cwd',
  'exited-before-ready': 'its output above says why it exited',
  'ready-timeout': 'raise startTimeout if it is only slow, or fix the ready check (URL, port, pattern)',
  'max-respawns':
    'a test keeps crashing it: see the last output above; raise maxRespawns if that is expected',
  'port-taken': "use '{port}' for a free port, or stop the program that listens there",
}

/**
 * The test's process could not be brought back: it failed to start, was not ready in time, or
 * used up its respawns. The test fails at once with this error, and so does every later test of
 * the file (unless a retry brings the process back); the next file starts a fresh process.
 */
export class ProcessDegradedError extends SteadfastError {
  /** Why, in one word. */
  readonly reason: DegradedReason
  /** The process's `name`. */
  readonly process: string
  /** The command line, templates expanded. */
  readonly command: string
  /** The exit code of the last process, when it exited by itself. */
  readonly exitCode: number | null
  /** The signal that ended the last process, when one did. */
  readonly signal: NodeJS.Signals | null
  /** Its last lines of stdout. */
  readonly stdout: string[]
  /** Its last lines of stderr. */
  readonly stderr: string[]

  constructor(details: DegradedDetails) {
    super('STEADFAST_PROCESS_DEGRADED', degradedMessage(details), { cause: details.cause })
    this.name = 'ProcessDegradedError'
    this.reason = details.reason
    this.process = details.process
    this.command = details.command
    this.exitCode = details.exit?.code ?? null
    this.signal = details.exit?.signal ?? null
    this.stdout = details.logs.stdout
    this.stderr = details.logs.stderr
  }

  /** The default fix for a reason, for messages built elsewhere. */
  static fixFor(reason: DegradedReason): string {
    return FIXES[reason]
  }
}

/** `exit code 1`, `signal SIGKILL`, or `still running`. */
export function describeExit(exit: ProcessExit | undefined): string {
  if (!exit) return 'still running'
  if (exit.signal) return `signal ${exit.signal}`
  return `exit code ${exit.code}`
}

/** The last lines of each stream, indented, for messages. */
export function formatLogs(logs: ProcessLogs, lines = logs.stdout.length + logs.stderr.length): string {
  const part = (name: string, list: string[]): string =>
    list.length === 0
      ? `  last stderr: (nothing)`.replace('stderr', name)
      : `  last ${name}:\n${list
          .slice(-lines)
          .map((line) => `    | ${line}`)
          .join('\n')}`
  return `${part('stderr', logs.stderr)}\n${part('stdout', logs.stdout)}`
}

function degradedMessage(details: DegradedDetails): string {
  // Said once: a `what` that already names the exit ("it exited (signal SIGKILL), and…") gets no repeat.
  const said = details.exit ? describeExit(details.exit) : ''
  const exit = said && !details.what.includes(said) ? ` (${said})` : ''
  return [
    `Process "${details.process}" is degraded: ${details.what}${exit}.`,
    `  command: ${details.command}`,
    formatLogs(details.logs),
    `This test and every later test of this file fail at once with this error; the next file starts a fresh process.`,
    `Fix: ${details.fix}.`,
  ].join('\n')
}
