import { isSteadfastError } from '@steadfast/core'
import { describe, expect, test } from 'vitest'
import { resolveProcessOptions } from '../src/options.js'

const node = process.execPath

function problem(input: unknown, env: NodeJS.ProcessEnv = {}): string {
  try {
    resolveProcessOptions(input as never, { PATH: process.env.PATH, ...env })
  } catch (error) {
    expect(isSteadfastError(error, 'STEADFAST_CONFIG')).toBe(true)
    return (error as Error).message
  }
  throw new Error('no error')
}

describe('resolveProcessOptions', () => {
  test('applies every default in one place', () => {
    expect(resolveProcessOptions({ command: node, args: ['server.js', '{port}'] })).toEqual({
      name: 'node',
      command: node,
      args: ['server.js', '{port}'],
      cwd: undefined,
      env: {},
      ready: undefined,
      health: undefined,
      startTimeout: 10_000,
      stopSignal: 'SIGTERM',
      stopTimeout: 2_000,
      maxRespawns: 3,
      logLines: 20,
      url: 'http://127.0.0.1:{port}',
      usesPort: true,
      definedAt: '',
    })
  })

  test('the ready check defaults to the health check, and the url to its origin', () => {
    const resolved = resolveProcessOptions({
      command: node,
      health: { http: 'http://127.0.0.1:{port}/health', status: 204 },
    })
    expect(resolved.ready).toEqual({
      kind: 'http',
      url: 'http://127.0.0.1:{port}/health',
      status: [204],
      timeout: 1000,
    })
    expect(resolved.url).toBe('http://127.0.0.1:{port}')
    expect(resolved.usesPort).toBe(true)
  })

  test('STEADFAST_RESPAWN_* variables override the timeouts, and only those', () => {
    const resolved = resolveProcessOptions(
      { command: node },
      { PATH: process.env.PATH, STEADFAST_RESPAWN_START_TIMEOUT: '30000', STEADFAST_RESPAWN_COMMAND: 'rm' },
    )
    expect(resolved.startTimeout).toBe(30_000)
    expect(resolved.command).toBe(node)
  })

  test.each<[string, unknown, RegExp]>([
    ['no command', { name: 'api' }, /option "command": is required, got undefined: the executable to run/],
    [
      'a command not on PATH',
      { command: 'no-such-program-xyz' },
      /"no-such-program-xyz" was not found on PATH; install it/,
    ],
    [
      'a path that is not executable',
      { command: './nope.sh' },
      /"\.\/nope\.sh" is not an executable file \(looked at .*nope\.sh\); fix the path/,
    ],
    [
      'a negative timeout',
      { command: node, startTimeout: -1 },
      /option "startTimeout": expected a positive number of milliseconds .*, got -1/,
    ],
    [
      'a fractional respawn count',
      { command: node, maxRespawns: 1.5 },
      /option "maxRespawns": expected a whole number of respawns, e\.g\. 3, got 1\.5/,
    ],
    [
      'an unknown template',
      { command: node, env: { DB: '{tmp}/db' } },
      /option "env\.DB": unknown template \{tmp\} in "\{tmp\}\/db"; the templates are \{port\}, \{tmpdir\}, \{name\}/,
    ],
    [
      'a bad health URL',
      { command: node, health: { http: 'localhost:3000' } },
      /option "health\.http": expected an http:\/\/ or https:\/\/ URL, got "localhost:3000"/,
    ],
    [
      'two kinds in one check',
      { command: node, ready: { http: 'http://x', tcp: 1 } },
      /option "ready": expected exactly one of http, tcp, log or check, got http and tcp/,
    ],
    [
      'a log health check',
      { command: node, health: { log: /up/ } },
      /option "health": a log check can only tell readiness/,
    ],
    [
      'an out-of-range port',
      { command: node, ready: { tcp: 70000 } },
      /option "ready\.tcp": expected a port \(1-65535\) or '\{port\}', got 70000/,
    ],
    [
      'an unknown check field',
      { command: node, ready: { tcp: '{port}', path: '/' } },
      /option "ready": unknown field "path" for a tcp check \(it takes tcp, host, timeout\)/,
    ],
    ['an unknown option', { command: node, restarts: 2 }, /unknown option "restarts"/],
    [
      'a bad stop signal',
      { command: node, stopSignal: 'SIGSTOP' },
      /option "stopSignal": expected one of "SIGTERM"/,
    ],
  ])('%s is an error naming the option, the value and the fix', (_name, input, message) => {
    const text = problem(input)
    expect(text).toMatch(message)
    expect(text).toMatch(/Fix the options passed to defineProcess/)
  })

  test('every problem is reported at once', () => {
    const text = problem({ command: node, args: ['{a}', '{b}'] })
    expect(text).toMatch(/args\.0": unknown template \{a\}/)
    expect(text).toMatch(/args\.1": unknown template \{b\}/)
  })

  test('JSON in an argument is not a template', () => {
    expect(resolveProcessOptions({ command: node, args: ['{"a":1}'] }).usesPort).toBe(false)
  })
})
