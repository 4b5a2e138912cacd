import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { JEST_RUNNERS, runFixture, runNodeScript, VITEST_RUNNERS } from '../harness/index.js'
import { ATTRIBUTION_ERRORS, attributionProject } from './_fixtures.js'

describe.concurrent.each([...VITEST_RUNNERS, ...JEST_RUNNERS])(
  '@steadfast/rejections across shards in %s',
  (runner) => {
    test('the artifacts of every shard merge into one, with every error once', async () => {
      const files = attributionProject(runner.startsWith('vitest'))
      const shards = await Promise.all(
        [1, 2].map((i) => runFixture({ runner, files, args: [`--shard=${i}/2`] })),
      )
      const perShard = shards.map(
        (run) =>
          JSON.parse(readFileSync(join(run.dir, '.steadfast', 'rejections.json'), 'utf8')).records
            .length as number,
      )
      // Each shard ran part of the files and saw part of the errors.
      expect(perShard.every((n) => n < ATTRIBUTION_ERRORS.length)).toBe(true)
      expect(perShard.reduce((sum, n) => sum + n, 0)).toBe(ATTRIBUTION_ERRORS.length)

      const merge = await runNodeScript({
        entry: 'node_modules/@steadfast/rejections/dist/esm/cli.js',
        args: ['merge', '--out', 'merged', ...shards.map((run) => join(run.dir, '.steadfast'))],
        files: {},
      })
      expect(merge.stderr).toBe('')
      expect(merge.exitCode).toBe(0)
      const merged = JSON.parse(readFileSync(join(merge.dir, 'merged', 'rejections.json'), 'utf8'))
      expect(merged.records.map((r: { message: string }) => r.message).sort()).toEqual(ATTRIBUTION_ERRORS)
      expect(merge.stdout).toMatch(/@steadfast\/rejections: 7 unhandled errors in 7 places/)
    })
  },
)

describe.concurrent.each(VITEST_RUNNERS)(
  '@steadfast/rejections with vitest --merge-reports in %s',
  (runner) => {
    test("merging the shards' blob reports writes one artifact and one summary with every error once", async () => {
      // One checkout, as on CI: each shard leaves its blob report, then one command merges them.
      const first = await runFixture({
        runner,
        files: attributionProject(true),
        args: ['--shard=1/2', '--reporter=blob'],
      })
      await runFixture({ runner, in: first.dir, files: {}, args: ['--shard=2/2', '--reporter=blob'] })
      const merged = await runFixture({ runner, in: first.dir, files: {}, args: ['--merge-reports'] })
      const artifact = JSON.parse(readFileSync(join(merged.dir, '.steadfast', 'rejections.json'), 'utf8'))
      expect(artifact.records.map((r: { message: string }) => r.message).sort()).toEqual(ATTRIBUTION_ERRORS)
      expect(merged.stdout).toMatch(/@steadfast\/rejections: 7 unhandled errors in 7 places/)
    })
  },
)

test('merging a corrupt artifact names the file and the fix, and writes nothing', async () => {
  const run = await runNodeScript({
    entry: 'node_modules/@steadfast/rejections/dist/esm/cli.js',
    args: ['merge', 'shard-1'],
    files: { 'shard-1/rejections.json': '{"kind": "steadfast-rejections", "records": [' },
  })
  expect(run.exitCode).toBe(2)
  expect(run.stderr).toMatch(
    /shard-1\/rejections\.json is not valid JSON .*; re-run that shard or leave its folder out/,
  )
})
