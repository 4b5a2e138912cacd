import { execFileSync } from 'node:child_process'
import { describe, expect, test } from 'vitest'
import {
  artifact,
  expectNoSurvivors,
  file,
  project,
  recordedPids,
  runRespawnFixture,
  testFile,
} from './_fixtures.js'

// `npm test` (scripts/dev.mjs) installs redis-server when it is missing: here its absence is a failure, not a skip.
const redisServer = execFileSync('sh', ['-c', 'command -v redis-server || true'], { encoding: 'utf8' }).trim()

/** A real redis-server from Debian, on a free port, its data in the file's private tmpdir. */
const REDIS = `{
  name: 'redis',
  command: 'redis-server',
  args: ['--port', '{port}', '--bind', '127.0.0.1', '--dir', '{tmpdir}', '--save', '', '--appendonly', 'no'],
  ready: { tcp: '{port}' },
  health: { check: (handle) => redisCommand(handle.port, 'PING').then((reply) => reply === '+PONG'), timeout: 500 },
  stopTimeout: 1000,
}`

const BODY = `
const net = require_net()
function redisCommand(port, ...words) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.setEncoding('utf8')
    let reply = ''
    socket.on('data', (chunk) => {
      reply += chunk
      if (reply.endsWith('\\r\\n')) { socket.end(); resolve(reply.trim()) }
    })
    socket.on('error', reject)
    socket.write('*' + words.length + '\\r\\n' + words.map((w) => '$' + Buffer.byteLength(w) + '\\r\\n' + w + '\\r\\n').join(''))
  })
}
let first
T('stores a key', async (redis) => {
  recordPid(redis.pid, 'server')
  first = redis.pid
  expect(await redisCommand(redis.port, 'SET', 'greeting', 'hello')).toBe('+OK')
  expect(redis.tmpdir).toMatch(/steadfast-redis-/)
})
T('is killed with SIGKILL', async (redis) => {
  process.kill(redis.pid, 'SIGKILL')
})
T('answers again: a fresh redis-server on the same port', async (redis) => {
  recordPid(redis.pid, 'server')
  expect(redis.pid).not.toBe(first)
  expect(await redisCommand(redis.port, 'PING')).toBe('+PONG')
  expect(await redisCommand(redis.port, 'GET', 'greeting')).toBe('$-1')
})
`

function redisFile(runner: string): string {
  const net = runner.startsWith('vitest') ? "import('node:net')" : "require('node:net')"
  const body = BODY.replace(
    'const net = require_net()',
    runner.startsWith('vitest') ? `const net = await ${net}` : `const net = ${net}`,
  )
  return body
}

describe.each(['vitest4', 'jest30'] as const)('@steadfast/respawn in %s', (runner) => {
  test('a real redis-server killed with SIGKILL between tests is respawned, and nothing of it remains after the run', async () => {
    expect(
      redisServer,
      'redis-server is not installed: npm test installs it (scripts/dev.mjs); by hand, apt-get install -y redis-server',
    ).not.toBe('')
    const run = await runRespawnFixture({
      runner,
      files: project(runner, { [file('redis')]: testFile(runner, redisFile(runner), REDIS) }),
    })
    expect(run.states()).toEqual({
      'stores a key': 'passed',
      'is killed with SIGKILL': 'passed',
      'answers again: a fresh redis-server on the same port': 'passed',
    })
    expect(artifact(run).records).toMatchObject([
      {
        file: 'redis.test.js',
        process: 'redis',
        outcome: 'respawned',
        test: 'answers again: a fresh redis-server on the same port',
        signal: 'SIGKILL',
      },
    ])
    expect(recordedPids(run)).toHaveLength(2)
    await expectNoSurvivors(run)
  })
})
