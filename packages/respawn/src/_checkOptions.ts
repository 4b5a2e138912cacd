// Readiness and health checks are validated by hand rather than as a zod union: a union's error
// ("Invalid input") names no field, and these messages must name the field, the value and the fix.
import { describeValue } from '@steadfast/core'
import type { ProcessHandle } from './handle.js'

const DEFAULT_ATTEMPT_TIMEOUT = 1000

/** A check with its defaults applied; templates still unexpanded. */
export type ResolvedCheck =
  | { kind: 'http'; url: string; status: number[] | undefined; timeout: number }
  | { kind: 'tcp'; port: string; host: string; timeout: number }
  | { kind: 'log'; pattern: RegExp; timeout: number | undefined }
  | { kind: 'check'; fn: (handle: ProcessHandle) => boolean | Promise<boolean>; timeout: number }

const KINDS = ['http', 'tcp', 'log', 'check'] as const
const EXTRA: Record<(typeof KINDS)[number], string[]> = {
  http: ['status', 'timeout'],
  tcp: ['host', 'timeout'],
  log: ['timeout'],
  check: ['timeout'],
}
const EXAMPLE =
  "{ http: 'http://127.0.0.1:{port}/health' }, { tcp: '{port}' }, { log: /listening/ } or { check: async (handle) => true }"

/** Parses one check; pushes each problem found and returns undefined when there is one. */
export function parseCheck(path: string, value: unknown, problems: string[]): ResolvedCheck | undefined {
  const where = (field?: string): string => `@steadfast/respawn option "${field ? `${path}.${field}` : path}"`
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${where()}: expected a check such as ${EXAMPLE}, got ${describeValue(value)}`)
    return undefined
  }
  const record = value as Record<string, unknown>
  const kinds = KINDS.filter((kind) => kind in record)
  if (kinds.length !== 1) {
    problems.push(
      `${where()}: expected exactly one of http, tcp, log or check, got ${kinds.length === 0 ? 'none' : kinds.join(' and ')} (${describeValue(value)}); write it like ${EXAMPLE}`,
    )
    return undefined
  }
  const kind = kinds[0] as (typeof KINDS)[number]
  const before = problems.length
  for (const key of Object.keys(record)) {
    if (key !== kind && !EXTRA[kind].includes(key)) {
      problems.push(
        `${where()}: unknown field "${key}" for a ${kind} check (it takes ${[kind, ...EXTRA[kind]].join(', ')})`,
      )
    }
  }
  const timeout = record.timeout
  if (timeout !== undefined && !(Number.isInteger(timeout) && (timeout as number) > 0)) {
    problems.push(
      `${where('timeout')}: expected a positive number of milliseconds, e.g. 1000, got ${describeValue(timeout)}`,
    )
  }
  const attempt = (timeout as number | undefined) ?? DEFAULT_ATTEMPT_TIMEOUT

  switch (kind) {
    case 'http': {
      const url = record.http
      if (typeof url !== 'string' || !isHttpUrl(url)) {
        problems.push(
          `${where('http')}: expected an http:// or https:// URL, got ${describeValue(url)}; write it like "http://127.0.0.1:{port}/health"`,
        )
      }
      const status = record.status
      const list = status === undefined ? undefined : Array.isArray(status) ? status : [status]
      if (list?.some((code) => !(Number.isInteger(code) && code >= 100 && code <= 599))) {
        problems.push(
          `${where('status')}: expected an HTTP status code or a list of them (100-599), got ${describeValue(status)}`,
        )
      }
      if (problems.length > before) return undefined
      return { kind, url: url as string, status: list as number[] | undefined, timeout: attempt }
    }
    case 'tcp': {
      const port = record.tcp
      const text = typeof port === 'number' ? String(port) : port
      const literal = typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : undefined
      const ok =
        typeof text === 'string' &&
        (literal === undefined ? /^\{[A-Za-z_][\w-]*\}$/.test(text) : literal >= 1 && literal <= 65535)
      if (!ok) {
        problems.push(`${where('tcp')}: expected a port (1-65535) or '{port}', got ${describeValue(port)}`)
      }
      const host = record.host ?? '127.0.0.1'
      if (typeof host !== 'string' || host === '') {
        problems.push(
          `${where('host')}: expected a host name or address, e.g. '127.0.0.1', got ${describeValue(host)}`,
        )
      }
      if (problems.length > before) return undefined
      return { kind, port: text as string, host: host as string, timeout: attempt }
    }
    case 'log': {
      const log = record.log
      if (!(log instanceof RegExp) && (typeof log !== 'string' || log === '')) {
        problems.push(`${where('log')}: expected a RegExp or a non-empty string, got ${describeValue(log)}`)
        return undefined
      }
      if (problems.length > before) return undefined
      const pattern =
        log instanceof RegExp
          ? new RegExp(log.source, log.flags.replace(/[gy]/g, ''))
          : literalPattern(log as string)
      return { kind, pattern, timeout: timeout as number | undefined }
    }
    case 'check': {
      const fn = record.check
      if (typeof fn !== 'function') {
        problems.push(
          `${where('check')}: expected a function (handle) => boolean | Promise<boolean>, got ${describeValue(fn)}`,
        )
        return undefined
      }
      if (problems.length > before) return undefined
      return { kind, fn: fn as (handle: ProcessHandle) => boolean, timeout: attempt }
    }
  }
}

function isHttpUrl(text: string): boolean {
  // Templates stand in for values that only exist at start; any valid value will do here.
  const sample = text.replaceAll('{port}', '1').replaceAll('{name}', 'name').replaceAll('{tmpdir}', 'tmp')
  try {
    const url = new URL(sample)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
  } catch {
    return false
  }
}

function literalPattern(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
}
