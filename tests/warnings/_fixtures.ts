// Fixture projects for @steadfast/warnings, written once for both runners. Every count is known:
// the tests below assert the exact numbers of the summary and the artifact.

export const VITEST_HEADER = `import { describe, test } from 'vitest'\n`
export const JEST_HEADER = `const { describe, test } = require('@jest/globals')\n`

/** A helper in "your code" that warns: its warnings all come from src/legacy.js. */
export const legacy = (vitest: boolean): string => `${vitest ? 'export function' : 'function'} oldApi(i) {
  process.emitWarning(\`oldApi() called for item \${i}; use newApi()\`, 'DeprecationWarning', 'DEP_LEGACY')
}
${vitest ? '' : 'module.exports = { oldApi }\n'}`

const importLegacy = (vitest: boolean): string =>
  vitest ? `import { oldApi } from './src/legacy.js'\n` : `const { oldApi } = require('./src/legacy.js')\n`

/** 1,000 deprecations, 250 custom warnings, 30 console.warn calls: 1,280 warnings of 3 kinds. */
export const noisy = (
  vitest: boolean,
): string => `${vitest ? VITEST_HEADER : JEST_HEADER}${importLegacy(vitest)}
describe('noisy', () => {
  test('calls the old api', () => {
    for (let i = 0; i < 1000; i++) oldApi(i)
  })
  test('misses the cache', () => {
    for (let i = 0; i < 250; i++) process.emitWarning(\`cache miss for "key-\${i}" after \${i * 3} ms\`, { type: 'CacheWarning' })
  })
  test('logs slow queries', () => {
    for (let i = 0; i < 30; i++) console.warn('slow query: %d ms', 100 + i)
  })
})
`

/** 500 more deprecations (the same kind) and 3 MaxListeners warnings: 503 warnings. */
export const other = (
  vitest: boolean,
): string => `${vitest ? VITEST_HEADER : JEST_HEADER}${importLegacy(vitest)}const { EventEmitter } = require('node:events')

test('calls the old api too', () => {
  for (let i = 0; i < 500; i++) oldApi(i)
})

test('adds too many listeners', () => {
  for (let e = 0; e < 3; e++) {
    const emitter = new EventEmitter()
    for (let l = 0; l < 11; l++) emitter.on('data', () => {})
  }
})
`

export const quiet = (vitest: boolean): string => `${vitest ? VITEST_HEADER : JEST_HEADER}
test('says nothing', () => {})
`

/** The config that turns the plugin on, with `options` (a JS object literal) for it. */
export function config(vitest: boolean, options = '{}'): Record<string, string> {
  if (vitest) {
    return {
      'vitest.config.mjs': `import warnings from '@steadfast/warnings/vitest'
export default { plugins: [warnings(${options})] }
`,
    }
  }
  return {
    'jest.config.js': `module.exports = {
  testEnvironment: 'node',
  transform: {},
  setupFilesAfterEnv: ['@steadfast/warnings/jest'],
  reporters: ['default', '@steadfast/warnings/jest-reporter'],
}
`,
    'steadfast.config.js': `module.exports = { warnings: ${options} }\n`,
  }
}

/** The three-file project with known counts: 1,783 warnings of 4 kinds. */
export function countsProject(vitest: boolean, options = '{}'): Record<string, string> {
  return {
    ...config(vitest, options),
    'src/legacy.js': legacy(vitest),
    'noisy.test.js': noisy(vitest),
    'other.test.js': other(vitest),
    'quiet.test.js': quiet(vitest),
  }
}

/** Rules: what is ignored, what fails which test. */
export const RULES_OPTIONS = `{
  ignore: ['cache miss', 'retry * of 3', { code: 'DEP_NOISE' }, { type: 'PerfWarning' }],
  error: [{ code: 'DEP_FORBIDDEN' }, { origin: 'src/forbidden/**' }, /must not happen/],
}`

export const forbiddenApi = (
  vitest: boolean,
): string => `${vitest ? 'export function' : 'function'} experimental() {
  process.emitWarning('experimental() may change', 'ExperimentalWarning')
}
${vitest ? '' : 'module.exports = { experimental }\n'}`

export const rulesFile = (vitest: boolean): string => `${vitest ? VITEST_HEADER : JEST_HEADER}${
  vitest
    ? `import { experimental } from './src/forbidden/api.js'\n`
    : `const { experimental } = require('./src/forbidden/api.js')\n`
}
test('ignored by message', () => {
  for (let i = 0; i < 5; i++) process.emitWarning('cache miss for ' + i, 'CacheWarning')
  for (let i = 1; i <= 3; i++) process.emitWarning('retry ' + i + ' of 3', 'RetryWarning')
})

test('ignored by code and type', () => {
  for (let i = 0; i < 4; i++) process.emitWarning('noisy', 'DeprecationWarning', 'DEP_NOISE')
  process.emitWarning('took long', 'PerfWarning')
})

test('forbidden by code', () => {
  process.emitWarning('never call this', 'DeprecationWarning', 'DEP_FORBIDDEN')
})

test('innocent neighbour', () => {
  process.emitWarning('allowed', 'CustomWarning')
})

test('forbidden by origin', () => {
  experimental()
})

test('forbidden by message', () => {
  console.warn('this must not happen')
})

test('innocent after', () => {})
`

export const moduleLoadFile = (vitest: boolean): string => `${vitest ? VITEST_HEADER : JEST_HEADER}
process.emitWarning('at load', 'DeprecationWarning', 'DEP_FORBIDDEN')

test('innocent in a file that warned at load', () => {})
`
