import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { JEST_RUNNERS, runFixture, VITEST_RUNNERS } from '../harness/index.js'
import { project } from './_fixtures.js'

const SMOKE = `
test('faster passes', async () => {
  await expect(fast).toBeFasterThan(slow)
})
test('slower fails', async () => {
  await expect(slow).toRunFasterThan(fast)
})
`

describe.each([...VITEST_RUNNERS, ...JEST_RUNNERS])('@steadfast/perf smoke in %s', (runner) => {
  test('a 2x faster function passes and a 2x slower one fails, with the report written', async () => {
    const run = await runFixture({ runner, files: project(runner, { 'smoke.test.js': SMOKE }) })
    expect(run.states()).toEqual({ 'faster passes': 'passed', 'slower fails': 'failed' })
    expect(run.test('slower fails').errors.join('\n')).toMatch(/re-measured: still violated/)
    const artifact = JSON.parse(readFileSync(join(run.dir, '.steadfast', 'perf.json'), 'utf8'))
    expect(artifact.gates).toHaveLength(2)
  })
})

describe('@steadfast/perf beside Vitest 5', () => {
  test("a bench result still goes to Vitest's own toBeFasterThan; functions and numbers to ours", async () => {
    const tests = `
// Bench results as Vitest 5's bench.compare() returns them (what its matcher reads: latency and throughput means).
const quick = { name: 'quick', latency: { mean: 1 }, throughput: { mean: 1000 } }
const sluggish = { name: 'sluggish', latency: { mean: 2 }, throughput: { mean: 500 } }
test('bench results: the quicker passes', () => {
  expect(quick).toBeFasterThan(sluggish)
})
test('bench results: the slower fails with Vitest own message', () => {
  expect(sluggish).toBeFasterThan(quick, { delta: 0.1 })
})
test('bench results: .not', () => {
  expect(sluggish).not.toBeFasterThan(quick)
})
test('functions go to the perf gate', async () => {
  await expect(fast).toBeFasterThan(slow)
})
test('functions go to the perf gate: the slower fails', async () => {
  await expect(slow).toBeFasterThan(fast)
})
test('toRunFasterThan', async () => {
  await expect(fast).toRunFasterThan(slow)
})
`
    const run = await runFixture({
      runner: 'vitest5',
      files: project('vitest5', { 'coexist.test.js': tests }),
    })
    expect(run.states()).toEqual({
      'bench results: the quicker passes': 'passed',
      'bench results: the slower fails with Vitest own message': 'failed',
      'bench results: .not': 'passed',
      'functions go to the perf gate': 'passed',
      'functions go to the perf gate: the slower fails': 'failed',
      toRunFasterThan: 'passed',
    })
    expect(run.test('bench results: the slower fails with Vitest own message').errors.join('\n')).toMatch(
      /Expected to be faster by at least 10%, but was 100\.00% slower/,
    )
    expect(run.test('functions go to the perf gate: the slower fails').errors.join('\n')).toMatch(
      /toBeFasterThan "functions go to the perf gate: the slower fails" failed: it is slower than its limit/,
    )
  })
})

describe.each(['threads', 'vmThreads'])('@steadfast/perf in the Vitest %s pool', (pool) => {
  test('gates judge the same and their reports merge across worker threads', async () => {
    const run = await runFixture({
      runner: 'vitest4',
      files: project('vitest4', { 'a.test.js': SMOKE, 'b.test.js': SMOKE }),
      args: [`--pool=${pool}`],
    })
    expect(run.states()).toEqual({ 'faster passes': 'passed', 'slower fails': 'failed' })
    expect(run.report.tests.map((t) => `${t.file} ${t.state}`).sort()).toEqual([
      'a.test.js failed',
      'a.test.js passed',
      'b.test.js failed',
      'b.test.js passed',
    ])
    expect(JSON.parse(readFileSync(join(run.dir, '.steadfast', 'perf.json'), 'utf8')).gates).toHaveLength(4)
  })
})
