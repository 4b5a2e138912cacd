import net from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runFixture } from '../harness/index.js'
import { file, output, project, recordedPids, serverOptions, testFile } from './_fixtures.js'

const BODY = `
T('never runs against a process', async (api) => {
  expect(api.pid).toBeGreaterThan(0)
})
`

/** Each bad definition (options as JS source) and what its message must say: option, value, fix. */
const CASES: Array<[string, string, RegExp]> = [
  [
    'missing-command',
    `{ name: 'api', args: ['server.cjs'] }`,
    /Invalid defineProcess\("api"\) options:\n\s+- @steadfast\/respawn option "command": is required, got undefined: the executable to run, e\.g\. "node" or "redis-server"/,
  ],
  [
    'command-not-found',
    `{ name: 'api', command: 'no-such-server-xyz', args: ['--port', '{port}'] }`,
    /option "command": "no-such-server-xyz" was not found on PATH; install it, or give its full path/,
  ],
  [
    'bad-health-url',
    `{ name: 'api', command: process.execPath, args: ['server.cjs', '--port', '{port}'], health: { http: '127.0.0.1:{port}/health' } }`,
    /option "health\.http": expected an http:\/\/ or https:\/\/ URL, got "127\.0\.0\.1:\{port\}\/health"; write it like "http:\/\/127\.0\.0\.1:\{port\}\/health"/,
  ],
  [
    'negative-timeout',
    `{ name: 'api', command: process.execPath, args: ['server.cjs', '--port', '{port}'], stopTimeout: -5 }`,
    /option "stopTimeout": expected a positive number of milliseconds \(how long to wait before SIGKILL, e\.g\. 2000\), got -5/,
  ],
  [
    'unknown-template',
    `{ name: 'api', command: process.execPath, args: ['server.cjs', '--port', '{prot}'] }`,
    /option "args\.2": unknown template \{prot\} in "\{prot\}"; the templates are \{port\}, \{tmpdir\}, \{name\}/,
  ],
]

let taken: net.Server
let takenPort = 0
beforeAll(async () => {
  // A port something else already listens on, for the port-taken case.
  taken = net.createServer()
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
  takenPort = (taken.address() as net.AddressInfo).port
})
afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())))

describe.each(['vitest4', 'jest30'] as const)('@steadfast/respawn in %s', (runner) => {
  test('a bad option fails its file before any process starts, naming the option, the value and the fix', async () => {
    const files = Object.fromEntries(
      CASES.map(([name, options]) => [file(name), testFile(runner, BODY, options)]),
    )
    const run = await runFixture({ runner, files: project(runner, files) })
    expect(run.report.tests.filter((t) => t.state === 'passed')).toEqual([])
    expect(run.report.files.map((f) => [f.file, f.state]).sort()).toEqual(
      CASES.map(([name]) => [file(name), 'failed']).sort(),
    )
    for (const [name, , message] of CASES) {
      const reported = run.report.files.find((f) => f.file === file(name))
      expect(`${reported?.message}\n${output(run)}`).toMatch(message)
    }
    expect(recordedPids(run)).toEqual([])
  })

  test('a fixed port that is already taken fails the test at once, naming the option, the port and the fix', async () => {
    const options = serverOptions([], `\n  ready: { tcp: ${takenPort} },`)
    const run = await runFixture({
      runner,
      files: project(runner, { [file('taken')]: testFile(runner, BODY, options) }),
    })
    expect(run.states()).toEqual({ 'never runs against a process': 'failed' })
    expect(run.test('never runs against a process').errors.join('\n')).toMatch(
      new RegExp(
        `Process "api" is degraded: port ${takenPort} of its ready check \\(option "ready\\.tcp": "${takenPort}"\\) is already taken by another program before it started, so the check would pass against that program\\.[\\s\\S]*Fix: use '\\{port\\}' for a free port, or stop the program that listens there\\.`,
      ),
    )
    expect(recordedPids(run)).toEqual([])
  })
})
