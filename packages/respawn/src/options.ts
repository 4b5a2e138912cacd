import { defineOptions, describeValue, SteadfastConfigError, type Zod } from '@steadfast/core'
import type { z } from 'zod'
import { parseCheck, type ResolvedCheck } from './_checkOptions.js'
import { findExecutable } from './_executable.js'
import { TEMPLATE_NAMES, unknownTemplates, usesTemplate } from './_templates.js'
import type { ProcessHandle } from './handle.js'

/** An HTTP check: passes when a GET of `http` answers with `status`. */
export interface HttpCheck {
  /** The URL to GET; templates allowed. Prefer `127.0.0.1` to `localhost`, which may be `::1`. */
  http: string
  /**
   * The status code (or codes) that count as healthy.
   * @default any 2xx or 3xx
   */
  status?: number | number[]
  /**
   * Ms one attempt may take.
   * @default 1000
   */
  timeout?: number
}

/** A TCP check: passes when a connection to `tcp` is accepted. */
export interface TcpCheck {
  /** The port: a number, or a template such as `'{port}'`. */
  tcp: number | string
  /**
   * The host to connect to.
   * @default '127.0.0.1'
   */
  host?: string
  /**
   * Ms one attempt may take.
   * @default 1000
   */
  timeout?: number
}

/** A log check (readiness only): passes when a line of stdout or stderr matches. */
export interface LogCheck {
  /** A RegExp, or a string that a line must contain. */
  log: RegExp | string
  /**
   * Ms to wait for the line (never more than `startTimeout`).
   * @default startTimeout
   */
  timeout?: number
}

/** Your own check: passes when it resolves true. A throw or false means not (yet) healthy. */
export interface FunctionCheck {
  check: (handle: ProcessHandle) => boolean | Promise<boolean>
  /**
   * Ms one call may take.
   * @default 1000
   */
  timeout?: number
}

/** A readiness or health check. */
export type ProcessCheck = HttpCheck | TcpCheck | LogCheck | FunctionCheck

/** Options of {@link defineProcess}. */
export interface ProcessOptions {
  /**
   * Names the process in messages, annotations and the summary; `{name}` stands for it.
   * @default the command's file name
   */
  name?: string
  /** The executable: a name found on PATH, or a path (relative to `cwd`). Required. */
  command: string
  /**
   * Its arguments; templates allowed (`['--port', '{port}']`).
   * @default []
   */
  args?: string[]
  /**
   * The working directory; templates allowed.
   * @default process.cwd()
   */
  cwd?: string
  /**
   * Variables added to the test process's environment; templates allowed in values.
   * @default {}
   */
  env?: Record<string, string>
  /**
   * When the process counts as started, polled (http, tcp, check) or watched (log) until
   * `startTimeout`, and abandoned at once if the process exits first.
   * @default the `health` check, or none (started once spawned)
   */
  ready?: ProcessCheck
  /**
   * Checked before every test, after the liveness check (which comes free from the exit event).
   * A failure respawns the process. `log` is not allowed here.
   * @default none (liveness only)
   */
  health?: HttpCheck | TcpCheck | FunctionCheck
  /**
   * Ms from spawn to ready before the start counts as failed.
   * @default 10000
   */
  startTimeout?: number
  /**
   * The signal sent to the whole process group to stop it.
   * @default 'SIGTERM'
   */
  stopSignal?: NodeJS.Signals
  /**
   * Ms to wait after `stopSignal` before SIGKILL.
   * @default 2000
   */
  stopTimeout?: number
  /**
   * Respawns allowed per test file; once spent, the next failure degrades the process.
   * @default 3
   */
  maxRespawns?: number
  /**
   * Lines of stdout and of stderr kept for `logs()` and for messages.
   * @default 20
   */
  logLines?: number
  /**
   * The handle's `url`; templates allowed.
   * @default the origin of an http ready or health check, else 'http://127.0.0.1:{port}' when a
   *   template uses `{port}`, else ''
   */
  url?: string
}

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGKILL', 'SIGUSR1', 'SIGUSR2'] as const

function buildSchema(z: Zod) {
  // Integers are checked with refine: zod's own int() failure is an "invalid_type" whose message
  // (with the fix) core's renderer does not show.
  const whole = (error: string) => z.number().refine((n) => Number.isInteger(n), { error })
  const duration = (what: string) =>
    whole(`expected a whole number of milliseconds (${what})`).refine((n) => n > 0, {
      error: `expected a positive number of milliseconds (${what})`,
    })
  return z
    .object({
      name: z.string().min(1).optional(),
      // Optional here, required below: a missing command gets a message with the fix.
      command: z.string().optional(),
      args: z.array(z.string(), { error: 'expected an array of strings' }).default([]),
      cwd: z.string().optional(),
      env: z.record(z.string(), z.string(), { error: 'expected an object of string values' }).default({}),
      ready: z.unknown().optional(),
      health: z.unknown().optional(),
      startTimeout: duration('how long the process may take to get ready, e.g. 10000').default(10_000),
      stopSignal: z.enum(SIGNALS).default('SIGTERM'),
      stopTimeout: duration('how long to wait before SIGKILL, e.g. 2000').default(2_000),
      maxRespawns: whole('expected a whole number of respawns, e.g. 3')
        .refine((n) => n >= 0, { error: 'expected 0 or more respawns, e.g. 3' })
        .default(3),
      logLines: whole('expected a whole number of lines, e.g. 20')
        .refine((n) => n > 0, { error: 'expected 1 or more lines, e.g. 20' })
        .default(20),
      url: z.string().optional(),
    })
    .strict()
}

// Built, with zod, at the first defineProcess: importing the package (the umbrella does, in the
// runner's main process) loads no schema library. The shape is opaque: a process's options always
// go through the schema, which words their messages.
const processOptions = defineOptions('@steadfast/respawn', { kind: 'opaque' }, buildSchema)

/** Options with every default applied, checks parsed. */
export interface ResolvedProcessOptions {
  name: string
  command: string
  args: string[]
  cwd: string | undefined
  env: Record<string, string>
  ready: ResolvedCheck | undefined
  health: ResolvedCheck | undefined
  startTimeout: number
  stopSignal: NodeJS.Signals
  stopTimeout: number
  maxRespawns: number
  logLines: number
  url: string
  /** Whether any template uses `{port}`: only then is a port reserved. */
  usesPort: boolean
  /**
   * The stack frames of the `defineProcess` call: a ProcessDegradedError carries them, so the
   * runner's code frame points at the definition rather than at this package.
   */
  definedAt: string
}

/** The options that `STEADFAST_RESPAWN_<OPTION>` variables may override, for every process at once. */
export const ENV_OPTIONS = ['startTimeout', 'stopSignal', 'stopTimeout', 'maxRespawns', 'logLines'] as const

const ENV_NAMES = new Set([
  'STEADFAST_RESPAWN_START_TIMEOUT',
  'STEADFAST_RESPAWN_STOP_SIGNAL',
  'STEADFAST_RESPAWN_STOP_TIMEOUT',
  'STEADFAST_RESPAWN_MAX_RESPAWNS',
  'STEADFAST_RESPAWN_LOG_LINES',
])

/**
 * Validates the options of one process (and the `STEADFAST_RESPAWN_*` overrides). Problems are
 * gathered and thrown together, each naming the option, the value and the fix.
 *
 * @throws SteadfastConfigError
 */
export function resolveProcessOptions(
  input: ProcessOptions,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedProcessOptions {
  const label = `defineProcess(${typeof input?.name === 'string' ? JSON.stringify(input.name) : ''})`
  const allowed: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(env)) if (ENV_NAMES.has(key)) allowed[key] = value
  let parsed: z.output<ReturnType<typeof buildSchema>>
  try {
    parsed = processOptions.resolve(input, allowed)
  } catch (error) {
    if (error instanceof SteadfastConfigError) throw new SteadfastConfigError(label, error.problems)
    throw error
  }
  const problems: string[] = []
  if (!parsed.command) {
    throw new SteadfastConfigError(label, [
      `@steadfast/respawn option "command": is required, got ${describeValue(parsed.command)}: the executable to run, e.g. "node" or "redis-server"`,
    ])
  }
  const command = parsed.command
  const name = parsed.name ?? command.split('/').pop() ?? command
  const ready = parsed.ready === undefined ? undefined : parseCheck('ready', parsed.ready, problems)
  const health = parsed.health === undefined ? undefined : parseCheck('health', parsed.health, problems)
  if (health?.kind === 'log') {
    problems.push(
      '@steadfast/respawn option "health": a log check can only tell readiness, not health before each test; use { http }, { tcp } or { check }, or move it to "ready"',
    )
  }

  const templated: Array<[string, string]> = [
    ...parsed.args.map((arg, i): [string, string] => [`args.${i}`, arg]),
    ...Object.entries(parsed.env).map(([key, value]): [string, string] => [`env.${key}`, value]),
    ...(parsed.cwd === undefined ? [] : [['cwd', parsed.cwd] as [string, string]]),
    ...(parsed.url === undefined ? [] : [['url', parsed.url] as [string, string]]),
    ...checkTexts('ready', ready),
    ...checkTexts('health', health),
  ]
  for (const [path, text] of templated) {
    for (const unknown of unknownTemplates(text)) {
      problems.push(
        `@steadfast/respawn option "${path}": unknown template {${unknown}} in ${JSON.stringify(text)}; the templates are ${TEMPLATE_NAMES.map((t) => `{${t}}`).join(', ')}`,
      )
    }
  }

  const cwd = parsed.cwd
  if (!cwd || !/\{/.test(cwd)) {
    const found = findExecutable(command, cwd ?? process.cwd(), parsed.env.PATH ?? env.PATH ?? '')
    if (found !== true) problems.push(`@steadfast/respawn option "command": ${found}`)
  }

  if (problems.length > 0) throw new SteadfastConfigError(label, problems)

  const usesPort = templated.some(([, text]) => usesTemplate(text, 'port'))
  const httpCheck = [ready, health].find((check) => check?.kind === 'http')
  const url =
    parsed.url ??
    (httpCheck?.kind === 'http' ? originOf(httpCheck.url) : usesPort ? 'http://127.0.0.1:{port}' : '')
  return {
    name,
    command,
    args: parsed.args,
    cwd,
    env: parsed.env,
    ready: ready ?? health,
    health,
    startTimeout: parsed.startTimeout,
    stopSignal: parsed.stopSignal,
    stopTimeout: parsed.stopTimeout,
    maxRespawns: parsed.maxRespawns,
    logLines: parsed.logLines,
    url,
    usesPort,
    definedAt: '',
  }
}

function checkTexts(path: string, check: ResolvedCheck | undefined): Array<[string, string]> {
  if (check?.kind === 'http') return [[`${path}.http`, check.url]]
  if (check?.kind === 'tcp') return [[`${path}.tcp`, String(check.port)]]
  return []
}

/** `http://host:port` of a templated URL, keeping `{port}` as written. */
function originOf(url: string): string {
  const match = /^(https?:\/\/[^/?#]+)/.exec(url)
  return match?.[1] ?? url
}
