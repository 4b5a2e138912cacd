import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { runFixture } from '../harness/index.js'
import { countsProject } from './_fixtures.js'

const KNOWN = [
  {
    type: 'CacheWarning',
    code: '',
    template: 'cache miss for "<str>" after <n> ms',
    count: 250,
  },
  {
    type: 'DeprecationWarning',
    code: 'DEP_LEGACY',
    template: 'oldApi() called for item <n>; use newApi()',
    count: 1500,
  },
  {
    type: 'MaxListenersExceededWarning',
    code: '',
    template:
      'Possible EventEmitter memory leak detected. <n> data listeners added to [EventEmitter]. MaxListeners is <n>. Use emitter.setMaxListeners() to increase limit',
    count: 3,
  },
  { type: 'console.warn', code: '', template: 'slow query: <n> ms', count: 30 },
]

const baseline = (kinds: unknown[]): string =>
  `${JSON.stringify({ kind: 'steadfast-warnings-baseline', version: 2, kinds }, null, 2)}\n`

describe.concurrent.each(['vitest4', 'jest30', 'vitest3', 'jest29'] as const)(
  'the ratchet in %s',
  (runner) => {
    const vitest = runner.startsWith('vitest')

    test('STEADFAST_UPDATE=1 writes the baseline of every kind, and the next run holds to it', async () => {
      const update = await runFixture({
        runner,
        files: countsProject(vitest),
        env: { STEADFAST_UPDATE: '1' },
      })
      expect(update.exitCode, update.stderr).toBe(0)
      const written = readFileSync(join(update.dir, 'steadfast.warnings.json'), 'utf8')
      expect(JSON.parse(written)).toEqual({ kind: 'steadfast-warnings-baseline', version: 2, kinds: KNOWN })
      expect(update.stdout).toMatch(
        /wrote the baseline .*steadfast\.warnings\.json with 4 kinds \(STEADFAST_UPDATE\): commit it/,
      )
      // Written through a temp file and a rename: nothing else is left beside it.
      expect(readdirSync(update.dir).filter((f) => f.startsWith('steadfast.warnings'))).toEqual([
        'steadfast.warnings.json',
      ])

      const next = await runFixture({
        runner,
        files: { ...countsProject(vitest), 'steadfast.warnings.json': written },
      })
      expect(next.exitCode, next.stderr).toBe(0)
      expect(next.stdout).toContain('@steadfast/warnings: every kind is in the baseline')
    })

    test('a new kind fails the run, naming it, its origin and the fix', async () => {
      const withoutCache = KNOWN.filter((k) => k.type !== 'CacheWarning')
      const run = await runFixture({
        runner,
        files: { ...countsProject(vitest), 'steadfast.warnings.json': baseline(withoutCache) },
      })
      expect(run.exitCode).toBe(1)
      expect(Object.values(run.states()).every((s) => s === 'passed')).toBe(true)
      const text = `${run.stdout}${run.stderr}`
      expect(text).toMatch(
        /NewWarningKindError: A new kind of warning, not in the baseline .*steadfast\.warnings\.json:/,
      )
      expect(text).toMatch(
        / {5}250 × CacheWarning: cache miss for "<str>" after <n> ms\n +at noisy\.test\.js:9:\d+/,
      )
      expect(text).toContain(
        'add it to the baseline with STEADFAST_UPDATE=1 (Vitest: -u) and commit the file',
      )
    })

    test("onNewKind: 'warn' reports a new kind without failing", async () => {
      const withoutCache = KNOWN.filter((k) => k.type !== 'CacheWarning')
      const run = await runFixture({
        runner,
        files: {
          ...countsProject(vitest, `{ onNewKind: 'warn' }`),
          'steadfast.warnings.json': baseline(withoutCache),
        },
      })
      expect(run.exitCode, run.stderr).toBe(0)
      expect(run.stderr).toMatch(/\[steadfast\/warnings\] A new kind of warning, not in the baseline/)
      expect(run.stderr).toContain('(onNewKind: warn, so the run does not fail)')
    })

    test('a kind that disappeared is reported so the baseline can shrink', async () => {
      const gone = {
        type: 'DeprecationWarning',
        code: 'DEP0005',
        template: 'Buffer() is deprecated',
        count: 7,
      }
      const run = await runFixture({
        runner,
        files: { ...countsProject(vitest), 'steadfast.warnings.json': baseline([...KNOWN, gone]) },
      })
      expect(run.exitCode, run.stderr).toBe(0)
      expect(run.stdout).toContain(
        '@steadfast/warnings: 1 kind in the baseline did not occur in this run; shrink the baseline with STEADFAST_UPDATE=1 (Vitest: -u) and commit it:\n  DeprecationWarning DEP0005: Buffer() is deprecated\n',
      )
    })

    test('a corrupt baseline is reported with its path and the fix, and left as it was', async () => {
      const corrupt = '{ "kind": "steadfast-warnings-baseline", "kinds": ['
      const run = await runFixture({
        runner,
        files: { ...countsProject(vitest), 'steadfast.warnings.json': corrupt },
      })
      expect(run.exitCode).toBe(1)
      // The tests ran and the summary was printed: the baseline only fails the ratchet.
      expect(Object.values(run.states()).every((s) => s === 'passed')).toBe(true)
      expect(run.stdout).toContain('1783 warnings of 4 kinds')
      expect(`${run.stdout}${run.stderr}`).toMatch(
        /CorruptBaselineError: The warnings baseline \/.*\/steadfast\.warnings\.json cannot be used: it is not valid JSON \(.*\)\. The ratchet was not checked\. Fix: restore it from version control/,
      )
      expect(readFileSync(join(run.dir, 'steadfast.warnings.json'), 'utf8')).toBe(corrupt)
    })
  },
)

test("Vitest's -u rewrites the baseline, shrinking it", async () => {
  const gone = { type: 'CustomWarning', code: '', template: 'gone', count: 1 }
  const run = await runFixture({
    runner: 'vitest4',
    files: { ...countsProject(true), 'steadfast.warnings.json': baseline([...KNOWN, gone]) },
    args: ['-u'],
  })
  expect(run.exitCode, run.stderr).toBe(0)
  expect(JSON.parse(readFileSync(join(run.dir, 'steadfast.warnings.json'), 'utf8')).kinds).toEqual(KNOWN)
})
