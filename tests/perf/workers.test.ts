import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { runFixture, runNodeScript } from '../harness/index.js'
import { project } from './_fixtures.js'

// A gate waits for the gates of the other workers to finish (the lock): with six gates in three
// workers that can pass the runners' 5 s default, so these tests get their own timeout, as
// docs/perf.md tells users to do.
const gates = (file: string): string => `
test('${file} faster', async () => {
  await expect(fast).toBeFasterThan(slow)
}, 60_000)
test('${file} also faster', async () => {
  await expect(asyncFast).toBeFasterThan(asyncSlow)
}, 60_000)
`

const FILES = { 'one.test.js': gates('one'), 'two.test.js': gates('two'), 'three.test.js': gates('three') }

interface Gate {
  name: string
  window: [number, number]
  worker: string
}

const readGates = (dir: string): Gate[] =>
  JSON.parse(readFileSync(join(dir, '.steadfast', 'perf.json'), 'utf8')).gates as Gate[]

describe.concurrent.each(['vitest4', 'jest30'] as const)('@steadfast/perf across workers in %s', (runner) => {
  test('gates of parallel workers never measure at the same time (the run-wide lock)', async () => {
    const run = await runFixture({
      runner,
      files: project(runner, FILES),
      // Jest runs in band on a 2-core machine unless told otherwise.
      args: ['--maxWorkers=3'],
    })
    expect(run.report.numFailed).toBe(0)
    const all = readGates(run.dir)
    expect(all).toHaveLength(6)
    // The files really ran in more than one worker...
    expect(new Set(all.map((g) => g.worker)).size).toBeGreaterThan(1)
    // ...and no two measurements overlapped.
    const windows = all.map((g) => g.window).sort((a, b) => a[0] - b[0])
    for (let i = 1; i < windows.length; i++)
      expect(windows[i]?.[0]).toBeGreaterThanOrEqual(windows[i - 1]?.[1] ?? 0)
  })

  test("the shards' artifacts merge into one table, HTML report and Bencher export", async () => {
    const files = project(runner, FILES)
    const shards = await Promise.all(
      [1, 2].map((i) => runFixture({ runner, files, args: [`--shard=${i}/2`] })),
    )
    const perShard = shards.map((run) => readGates(run.dir).length)
    expect(perShard.every((n) => n > 0 && n < 6)).toBe(true)
    const merge = await runNodeScript({
      entry: 'node_modules/@steadfast/perf/dist/esm/cli.js',
      args: ['merge', '--out', 'merged', ...shards.map((run) => join(run.dir, '.steadfast'))],
      files: {},
    })
    expect(merge.stderr).toBe('')
    expect(merge.exitCode).toBe(0)
    const merged = JSON.parse(readFileSync(join(merge.dir, 'merged', 'perf.json'), 'utf8')).gates as Gate[]
    expect(merged.map((g) => g.name).sort()).toEqual(
      ['one', 'two', 'three'].flatMap((f) => [`${f} also faster`, `${f} faster`]).sort(),
    )
    expect(merge.stdout).toMatch(/@steadfast\/perf: 6 gates, 0 failed, mode PR/)
    expect(readFileSync(join(merge.dir, 'merged', 'perf.html'), 'utf8')).toMatch(/6 gates, 0 failed/)
    expect(
      Object.keys(JSON.parse(readFileSync(join(merge.dir, 'merged', 'perf-bmf.json'), 'utf8'))),
    ).toHaveLength(6)
  })
})

test('vitest --merge-reports brings the gates of every shard into one report', async () => {
  const first = await runFixture({
    runner: 'vitest4',
    files: project('vitest4', FILES),
    args: ['--shard=1/2', '--reporter=blob'],
  })
  await runFixture({ runner: 'vitest4', in: first.dir, files: {}, args: ['--shard=2/2', '--reporter=blob'] })
  const merged = await runFixture({ runner: 'vitest4', in: first.dir, files: {}, args: ['--merge-reports'] })
  expect(readGates(merged.dir)).toHaveLength(6)
  expect(merged.stdout).toMatch(/@steadfast\/perf: 6 gates, 0 failed, mode PR/)
})
