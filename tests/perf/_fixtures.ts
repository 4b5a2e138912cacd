// Fixture projects for @steadfast/perf, written once for both runners. A test asserts a perf
// verdict only where no machine, fast or loaded, can move it across a threshold:
// - a relative gate compares the same loop run a known number of times (`work(4000)` vs
//   `work(8000)`): the machine's speed cancels out and the ratio is the count, 0.50 ± 1 % even at
//   a load of 6 on 2 cores;
// - a budget's value follows how fast this machine runs the function beside the calibration
//   workload, so a budget gate sits at least 10× from every threshold it depends on, the
//   loose-limit one (limit / 3) included. "Satisfied but not loose" is a 3.15× window no budget can
//   hold on every machine: packages/perf/test/verdict.test.ts checks it on recorded numbers.
// No test checks a wall time.
import type { RunnerId } from '../harness/index.js'

export const isVitest = (runner: RunnerId): boolean => runner.startsWith('vitest')

/**
 * Work of a known size: `work(2n)` takes twice as long as `work(n)`. Each measured function is
 * its own literal (never built from one shared string: V8 could leave such closures in a lower tier).
 */
export const WORK = `
// Taken out of the loop: in Jest's vm context every lookup of a global such as \`Math\` is slow.
const { sqrt } = Math
function work(n) {
  let s = 0
  for (let i = 0; i < n; i++) s += sqrt(i ^ (s & 7))
  return s
}
const fast = () => work(4000)
const slow = () => work(8000)
const asyncFast = async () => { await null; return work(4000) }
const asyncSlow = async () => { await null; return work(8000) }
`

export function header(runner: RunnerId): string {
  return isVitest(runner)
    ? `import { describe, expect, test, vi } from 'vitest'\n${WORK}`
    : `const { describe, expect, test, jest: vi } = require('@jest/globals')\n${WORK}`
}

/** A project with the plugin on (Vitest) or the setup file + reporter (Jest); `config` is the options literal. */
export function project(
  runner: RunnerId,
  tests: Record<string, string>,
  config = '{}',
): Record<string, string> {
  const files: Record<string, string> = {}
  for (const [name, body] of Object.entries(tests)) files[name] = `${header(runner)}\n${body}`
  if (isVitest(runner)) {
    // Perf tests get their own timeout, as docs/perf.md tells users: a gate measures for 1-2 s
    // (more on a loaded machine) and may wait for gates of other workers.
    files['vitest.config.mjs'] =
      `import perf from '@steadfast/perf/vitest'\nexport default { plugins: [perf(${config})], test: { testTimeout: 60000 } }\n`
  } else {
    files['jest.config.js'] = `module.exports = {
  testEnvironment: 'node',
  transform: {},
  testTimeout: 60000,
  setupFilesAfterEnv: ['@steadfast/perf/jest'],
  reporters: ['default', '@steadfast/perf/jest-reporter'],
}
`
    files['steadfast.config.js'] = `module.exports = { perf: ${config} }\n`
  }
  return files
}
