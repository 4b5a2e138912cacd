// One attempt of an http, tcp or function check, bounded by a real-time timeout (fake timers in a
// test cannot stretch or freeze it). Each resolves `true`, or says in words why not.
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import { setRealTimeout } from '@steadfast/core'
import type { ProcessHandle } from './handle.js'

/** A check with its templates expanded, ready to run. */
export type Probe =
  | { kind: 'http'; url: string; status: number[] | undefined; timeout: number }
  | { kind: 'tcp'; port: number; host: string; timeout: number }
  | { kind: 'check'; fn: (handle: ProcessHandle) => boolean | Promise<boolean>; timeout: number }

/** Runs one attempt of `probe`: true when it passes, else the reason. */
export function probeOnce(probe: Probe, handle: ProcessHandle): Promise<true | string> {
  switch (probe.kind) {
    case 'http':
      return httpProbe(probe.url, probe.status, probe.timeout)
    case 'tcp':
      return tcpProbe(probe.host, probe.port, probe.timeout)
    case 'check':
      return functionProbe(probe.fn, handle, probe.timeout)
  }
}

/** A short description of a probe for messages: `GET http://…`, `TCP 127.0.0.1:6379`, `check()`. */
export function describeProbe(probe: Probe): string {
  if (probe.kind === 'http') return `GET ${probe.url}`
  if (probe.kind === 'tcp') return `TCP ${probe.host}:${probe.port}`
  return `check(${probe.fn.name ? probe.fn.name : ''})`
}

function httpProbe(url: string, status: number[] | undefined, timeout: number): Promise<true | string> {
  return new Promise((resolve) => {
    const client = url.startsWith('https:') ? https : http
    let done = false
    const finish = (result: true | string): void => {
      if (done) return
      done = true
      cancel()
      request.destroy()
      resolve(result)
    }
    // No keep-alive agent: a pooled socket would stay open between tests (a leak to the test).
    const request = client.get(url, { agent: false, headers: { connection: 'close' } }, (response) => {
      response.resume()
      const code = response.statusCode ?? 0
      const ok = status ? status.includes(code) : code >= 200 && code < 400
      finish(ok ? true : `GET ${url} answered ${code}${status ? ` (expected ${status.join(' or ')})` : ''}`)
    })
    request.on('error', (error: NodeJS.ErrnoException) =>
      finish(`GET ${url} failed: ${error.code ?? error.message}`),
    )
    const cancel = setRealTimeout(() => finish(`GET ${url} did not answer within ${timeout} ms`), timeout)
  })
}

function tcpProbe(host: string, port: number, timeout: number): Promise<true | string> {
  return new Promise((resolve) => {
    let done = false
    const finish = (result: true | string): void => {
      if (done) return
      done = true
      cancel()
      socket.destroy()
      resolve(result)
    }
    const socket = net.connect({ host, port }, () => finish(true))
    socket.on('error', (error: NodeJS.ErrnoException) =>
      finish(`TCP ${host}:${port} failed: ${error.code ?? error.message}`),
    )
    const cancel = setRealTimeout(
      () => finish(`TCP ${host}:${port} did not connect within ${timeout} ms`),
      timeout,
    )
  })
}

async function functionProbe(
  fn: (handle: ProcessHandle) => boolean | Promise<boolean>,
  handle: ProcessHandle,
  timeout: number,
): Promise<true | string> {
  let cancel: (() => void) | undefined
  const timedOut = new Promise<string>((resolve) => {
    cancel = setRealTimeout(() => resolve(`check() did not settle within ${timeout} ms`), timeout)
  })
  try {
    const result = await Promise.race([Promise.resolve().then(() => fn(handle)), timedOut])
    if (typeof result === 'string') return result
    return result === true ? true : `check() returned ${String(result)}`
  } catch (error) {
    return `check() threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`
  } finally {
    cancel?.()
  }
}

/** Whether something already accepts connections on `host:port` (within `timeout` ms). */
export async function portInUse(host: string, port: number, timeout = 500): Promise<boolean> {
  return (await tcpProbe(host, port, timeout)) === true
}
