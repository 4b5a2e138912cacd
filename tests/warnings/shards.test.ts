import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { runFixture, runNodeScript, VITEST_RUNNERS } from '../harness/index.js'
import { countsProject } from './_fixtures.js'

const CLI = 'node_modules/@steadfast/warnings/dist/esm/cli.js'
const totalOf = (dir: string): number =>
  JSON.parse(readFileSync(join(dir, '.steadfast', 'warnings.json'), 'utf8')).total as number

describe.concurrent.each(['vitest4', 'jest30'] as const)(
  '@steadfast/warnings across shards in %s',
  (runner) => {
    test('each shard counts its part; the merge has every warning once and checks the whole', async () => {
      const files = countsProject(runner.startsWith('vitest'))
      const shards = await Promise.all(
        [1, 2].map((i) => runFixture({ runner, files, args: [`--shard=${i}/2`] })),
      )
      for (const shard of shards) expect(shard.exitCode, shard.stderr).toBe(0)
      // Each shard ran part of the files (which part is the runner's choice) and counted their warnings.
      expect(shards.map((shard) => Object.keys(shard.states()).length).every((n) => n > 0 && n < 6)).toBe(
        true,
      )
      const totals = shards.map((shard) => totalOf(shard.dir))
      expect((totals[0] ?? 0) + (totals[1] ?? 0)).toBe(1783)

      const merge = await runNodeScript({
        entry: CLI,
        args: ['merge', '--out', 'merged', ...shards.map((shard) => join(shard.dir, '.steadfast'))],
        files: { 'steadfast.config.json': JSON.stringify({ warnings: { budget: { maxTotal: 2000 } } }) },
      })
      expect(merge.stderr).toBe('')
      expect(merge.exitCode).toBe(0)
      const merged = JSON.parse(readFileSync(join(merge.dir, 'merged', 'warnings.json'), 'utf8'))
      expect(merged.total).toBe(1783)
      expect(merged.files).toEqual({ 'noisy.test.js': 1280, 'other.test.js': 503 })
      const counts = Object.fromEntries(
        merged.kinds.map((k: { type: string; count: number }) => [k.type, k.count]),
      )
      expect(counts).toEqual({
        DeprecationWarning: 1500,
        CacheWarning: 250,
        'console.warn': 30,
        MaxListenersExceededWarning: 3,
      })
      expect(merge.stdout).toContain(
        '@steadfast/warnings: 1783 warnings of 4 kinds from 2 files; 0 ignored by rules',
      )
      expect(merge.stdout).toMatch(/Merged 2 runs into .*merged\/warnings\.json/)

      // The budgets and the ratchet of the merge hold for the whole run, not each shard.
      const strict = await runNodeScript({
        entry: CLI,
        args: ['merge', ...shards.map((shard) => join(shard.dir, '.steadfast'))],
        files: { 'steadfast.config.json': JSON.stringify({ warnings: { budget: { maxTotal: 1782 } } }) },
      })
      expect(strict.exitCode).toBe(1)
      expect(strict.stderr).toMatch(/maxTotal +limit +1782 {2}actual +1783/)
    })
  },
)

describe.concurrent.each(VITEST_RUNNERS)(
  '@steadfast/warnings with vitest --merge-reports in %s',
  (runner) => {
    test("merging the shards' blob reports counts every warning once and checks the whole", async () => {
      // One checkout, as on CI: each shard leaves its blob report, then one command merges them.
      const first = await runFixture({
        runner,
        files: countsProject(true, '{ budget: { maxTotal: 1782 } }'),
        args: ['--shard=1/2', '--reporter=blob'],
      })
      const second = await runFixture({
        runner,
        in: first.dir,
        files: {},
        args: ['--shard=2/2', '--reporter=blob'],
      })
      // Each shard alone is within the budget.
      expect([first.exitCode, second.exitCode]).toEqual([0, 0])
      const merged = await runFixture({ runner, in: first.dir, files: {}, args: ['--merge-reports'] })
      const artifact = JSON.parse(readFileSync(join(merged.dir, '.steadfast', 'warnings.json'), 'utf8'))
      expect(artifact.total).toBe(1783)
      expect(artifact.files).toEqual({ 'noisy.test.js': 1280, 'other.test.js': 503 })
      expect(
        Object.fromEntries(artifact.kinds.map((k: { type: string; count: number }) => [k.type, k.count])),
      ).toEqual({
        DeprecationWarning: 1500,
        CacheWarning: 250,
        'console.warn': 30,
        MaxListenersExceededWarning: 3,
      })
      expect(merged.stdout).toContain(
        '@steadfast/warnings: 1783 warnings of 4 kinds from 2 files; 0 ignored by rules',
      )
      // The whole run is over the budget: the merge fails, as the unsharded run would.
      expect(merged.stderr).toMatch(/maxTotal +limit +1782 {2}actual +1783/)
      expect(merged.exitCode).toBe(1)
    })
  },
)

test('a shard does not report baseline kinds that only other shards emit as disappeared', async () => {
  const update = await runFixture({
    runner: 'vitest4',
    files: countsProject(true),
    env: { STEADFAST_UPDATE: '1' },
  })
  const baseline = readFileSync(join(update.dir, 'steadfast.warnings.json'), 'utf8')
  const shard = await runFixture({
    runner: 'vitest4',
    files: { ...countsProject(true), 'steadfast.warnings.json': baseline },
    args: ['--shard=2/2'],
  })
  expect(shard.exitCode, shard.stderr).toBe(0)
  expect(totalOf(shard.dir)).toBeLessThan(1783)
  expect(shard.stdout).not.toContain('did not occur in this run')
})

test('merging a corrupt artifact names the file and the fix, and writes nothing', async () => {
  const run = await runNodeScript({
    entry: CLI,
    args: ['merge', 'shard-1'],
    files: { 'shard-1/warnings.json': '{"kind": "steadfast-warnings", "kinds": [' },
  })
  expect(run.exitCode).toBe(2)
  expect(run.stderr).toMatch(
    /shard-1\/warnings\.json is not valid JSON .*; re-run that shard or leave its folder out/,
  )
})
