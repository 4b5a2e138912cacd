// Fixture test files for @steadfast/rejections, written once for both runners: `header` brings
// `describe`, `test`, `beforeAll` and `sleep` in, the ESM or CommonJS way.

export const VITEST_HEADER = `import { beforeAll, describe, test } from 'vitest'
import { setTimeout as sleep } from 'node:timers/promises'
`
export const JEST_HEADER = `const { beforeAll, describe, test } = require('@jest/globals')
const { setTimeout: sleep } = require('node:timers/promises')
`

/** The runner config with the plugin on and its defaults, for Vitest or Jest. */
export function pluginConfig(vitest: boolean): Record<string, string> {
  return vitest
    ? {
        'vitest.config.mjs': `import rejections from '@steadfast/rejections/vitest'\nexport default { plugins: [rejections()] }\n`,
      }
    : {
        'jest.config.js': `module.exports = { testEnvironment: 'node', transform: {}, setupFilesAfterEnv: ['@steadfast/rejections/jest'] }\n`,
      }
}

/** Culprits and innocents side by side in one file, concurrent ones included. */
export const attribution = (header: string): string => `${header}
test('culprit rejection', async () => {
  Promise.reject(new Error('boom-culprit'))
  await sleep(30)
})

test('culprit timer throw', async () => {
  setTimeout(() => { throw new Error('boom-timer') }, 1)
  await sleep(30)
})

test('culprit in setImmediate', async () => {
  setImmediate(() => Promise.reject(new Error('boom-immediate')))
  // Immediates run in order, so the test ends after the culprit's has run however loaded the
  // machine: a timer alone may fire first when the test began in the check phase and the process stalled.
  await new Promise((resolve) => setImmediate(resolve))
  await sleep(30)
})

test('handled later in the same test', async () => {
  const pending = Promise.reject(new Error('handled-later'))
  await sleep(30)
  await pending.catch(() => {})
})

describe('concurrent', () => {
  test.concurrent('culprit', async () => {
    await sleep(5)
    Promise.reject(new Error('boom-concurrent'))
    await sleep(60)
  })
  test.concurrent('innocent', async () => {
    await sleep(80)
  })
})

test('late culprit', () => {
  setTimeout(() => Promise.reject(new Error('boom-late')), 40)
})

test('innocent after the late one', async () => {
  await sleep(150)
})
`

/** Errors from module load and a beforeAll hook: they belong to the file, not to a test. */
export const fileLevel = (header: string): string => `${header}
Promise.reject(new Error('boom-module-load'))

beforeAll(() => {
  Promise.reject(new Error('boom-beforeAll'))
})

test('innocent a', async () => {
  await sleep(30)
})
`

export const innocent = (header: string): string => `${header}
test('innocent in another file', async () => {
  await sleep(10)
})
`

/** Tests that leave handles open, tests that clean up, and one that times out waiting. */
export const leaky = (header: string, requireLine: string): string => `${header}${requireLine}
let shared
beforeAll(() => {
  shared = setInterval(() => {}, 1000)
})
afterAll(() => clearInterval(shared))

test('leaky interval', () => {
  setInterval(() => {}, 1000)
})

test('leaky child process', () => {
  spawn('sleep', ['30'])
})

test('leaky watcher', () => {
  watch('.')
})

test('leaky server', async () => {
  await new Promise((resolve) => createServer().listen(0, '127.0.0.1', resolve))
})

test('clean timer', async () => {
  const timer = setTimeout(() => {}, 1000)
  clearTimeout(timer)
  await sleep(5)
})

test('unref timer is no leak', () => {
  setTimeout(() => {}, 5000).unref()
})

// Closed, and the close awaited: Node calls back before it has released the handle.
test('closed server is no leak', async () => {
  const server = createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  await new Promise((resolve) => server.close(resolve))
})

test('closed connection is no leak', async () => {
  const server = createServer((socket) => socket.end())
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const client = connect(server.address().port, '127.0.0.1')
  await new Promise((resolve) => client.on('close', resolve).resume())
  await new Promise((resolve) => server.close(resolve))
})

test('times out waiting', async () => {
  await new Promise((resolve) => setTimeout(resolve, 60000))
}, 300)
`

/** The messages of every error the attribution project makes, sorted. */
export const ATTRIBUTION_ERRORS = [
  'boom-beforeAll',
  'boom-concurrent',
  'boom-culprit',
  'boom-immediate',
  'boom-late',
  'boom-module-load',
  'boom-timer',
]

/** The three-file attribution project with the plugin on, for Vitest or Jest. */
export function attributionProject(vitest: boolean): Record<string, string> {
  const header = vitest ? VITEST_HEADER : JEST_HEADER
  const config: Record<string, string> = vitest
    ? {
        'vitest.config.mjs': `import rejections from '@steadfast/rejections/vitest'
export default { plugins: [rejections()] }
`,
      }
    : {
        'jest.config.js': `module.exports = {
  testEnvironment: 'node',
  transform: {},
  setupFilesAfterEnv: ['@steadfast/rejections/jest'],
  reporters: ['default', '@steadfast/rejections/jest-reporter'],
}
`,
      }
  return {
    ...config,
    'attribution.test.js': attribution(header),
    'file-level.test.js': fileLevel(header),
    'innocent.test.js': innocent(header),
  }
}
