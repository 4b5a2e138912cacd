// What Steadfast does once a run in Jest's main process, apart: Jest in band runs the test files in
// that process too, so the whole run cannot tell it apart. Run by bench/_overhead-icount.mjs in a
// fixture project's folder, under the instruction counter:
//
//   node _jest-main.cjs [config file, default jest.config.js]
//
// It loads first what a Jest run has loaded before it reads the config (Jest's own modules and the
// builtins they use), so that only our work is the difference between a variant and plain: the
// config file (`withSteadfast` and what it loads), then each reporter of ours the config names,
// constructed, started and ended as Jest does for a run that passed.
const { createRequire } = require('node:module')
const { resolve } = require('node:path')

for (const builtin of [
  'crypto',
  'child_process',
  'dgram',
  'worker_threads',
  'perf_hooks',
  'net',
  'util',
  'os',
])
  require(builtin)
const jest = createRequire(require.resolve('jest', { paths: [process.cwd()] }))
for (const module of ['@jest/core', 'jest-circus/runner', 'jest-runtime', 'jest-worker']) jest(module)

const config = require(resolve(process.argv[2] ?? 'jest.config.js'))
const tests = 100
const results = {
  numFailedTests: 0,
  numPassedTests: tests,
  numTotalTests: tests,
  numFailedTestSuites: 0,
  numRuntimeErrorTestSuites: 0,
  numTotalTestSuites: 4,
  success: true,
  testResults: [],
  snapshot: { failure: false },
  startTime: Date.now(),
}

async function main() {
  for (const entry of config.reporters ?? []) {
    if (!Array.isArray(entry)) continue
    const [file, options] = entry
    const Reporter = require(file).default
    const reporter = new Reporter({ rootDir: process.cwd() }, options)
    await reporter.onRunStart?.(results, {})
    await reporter.onRunComplete?.(new Set(), results)
    const error = reporter.getLastError?.()
    if (error) throw error
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
