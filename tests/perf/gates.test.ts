import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { runFixture } from '../harness/index.js'
import { project } from './_fixtures.js'

const VERDICTS = `
test('a 2x faster function passes', async () => {
  await expect(fast).toBeFasterThan(slow)
})
test('a 2x slower function fails', async () => {
  await expect(slow).toBeFasterThan(fast)
})
test('.not passes for the slower one', async () => {
  await expect(slow).not.toBeFasterThan(fast)
})
test('.not fails for the faster one', async () => {
  await expect(fast).not.toBeFasterThan(slow)
})
test('toRunFasterThan with a factor: at least 1.5x faster', async () => {
  await expect(fast).toRunFasterThan(slow, { factor: 0.75 })
})
test('async functions compare too', async () => {
  await expect(asyncFast).toBeFasterThan(asyncSlow)
})
test('async: the slower one fails', async () => {
  await expect(asyncSlow).toRunFasterThan(asyncFast, { name: 'async slow vs fast' })
})
`

describe.concurrent.each(['vitest4', 'jest30'] as const)('@steadfast/perf verdicts in %s', (runner) => {
  test('2x faster passes, 2x slower fails with the facts and a confirmed violation, .not mirrors', async () => {
    const run = await runFixture({ runner, files: project(runner, { 'verdicts.test.js': VERDICTS }) })
    expect(run.states()).toEqual({
      'a 2x faster function passes': 'passed',
      'a 2x slower function fails': 'failed',
      '.not passes for the slower one': 'passed',
      '.not fails for the faster one': 'failed',
      'toRunFasterThan with a factor: at least 1.5x faster': 'passed',
      'async functions compare too': 'passed',
      'async: the slower one fails': 'failed',
    })
    const message = run.test('a 2x slower function fails').errors.join('\n')
    expect(message).toMatch(/toBeFasterThan "a 2x slower function fails" failed: it is slower than its limit/)
    expect(message).toMatch(/estimate +\d\.\d{3}× +interval \[\d\.\d{3}×, \d\.\d{3}×\]/)
    expect(message).toMatch(/limit +1\.000× +margin 5 % +threshold 1\.000× × \(1 \+ 5 %\) = 1\.050×/)
    expect(message).toMatch(/mode +PR \(default\) +rounds 30 +machine factor n\/a/)
    expect(message).toMatch(/re-measured: still violated \(first measurement \d\.\d{3}×/)
    const not = run.test('.not fails for the faster one').errors.join('\n')
    expect(not).toMatch(
      /toBeFasterThan \(\.not\) ".not fails for the faster one" failed: it is faster than the limit it must not beat/,
    )
    expect(not).toMatch(/re-measured: still violated/)
    expect(run.test('async: the slower one fails').errors.join('\n')).toMatch(
      /toRunFasterThan "async slow vs fast" failed/,
    )

    const artifact = JSON.parse(readFileSync(join(run.dir, '.steadfast', 'perf.json'), 'utf8'))
    const estimate = (test: string): number =>
      artifact.gates.find((g: { test: string }) => g.test === test).estimate as number
    // Known factors, read loosely: the work doubles, the ratio is about 2 (or 1/2).
    expect(estimate('a 2x faster function passes')).toBeGreaterThan(0.3)
    expect(estimate('a 2x faster function passes')).toBeLessThan(0.75)
    expect(estimate('a 2x slower function fails')).toBeGreaterThan(1.4)
    expect(run.stdout).toMatch(/@steadfast\/perf: 7 gates, 3 failed, mode PR/)
  })
})
