import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { runFixture } from '../harness/index.js'
import { config, forbiddenApi, moduleLoadFile, RULES_OPTIONS, rulesFile } from './_fixtures.js'

describe.concurrent.each(['vitest4', 'jest30', 'vitest3', 'jest29'] as const)('rules in %s', (runner) => {
  const vitest = runner.startsWith('vitest')

  test('an error rule fails exactly the test that emitted the warning, naming it and its origin', async () => {
    const run = await runFixture({
      runner,
      files: {
        ...config(vitest, RULES_OPTIONS),
        'src/forbidden/api.js': forbiddenApi(vitest),
        'rules.test.js': rulesFile(vitest),
      },
    })
    expect(run.exitCode).toBe(1)
    expect(run.states()).toEqual({
      'ignored by message': 'passed',
      'ignored by code and type': 'passed',
      'forbidden by code': 'failed',
      'innocent neighbour': 'passed',
      'forbidden by origin': 'failed',
      'forbidden by message': 'failed',
      'innocent after': 'passed',
    })
    const [byCode] = run.test('forbidden by code').errors
    expect(byCode).toContain(
      'test "forbidden by code" emitted a warning that an error rule of @steadfast/warnings forbids:',
    )
    expect(byCode).toContain('DeprecationWarning DEP_FORBIDDEN: never call this')
    expect(byCode).toMatch(/at rules\.test\.js:15:\d+/)
    expect(run.test('forbidden by origin').errors[0]).toMatch(
      /ExperimentalWarning: experimental\(\) may change\s+at src\/forbidden\/api\.js:2:\d+/,
    )
    expect(run.test('forbidden by message').errors[0]).toMatch(
      /console\.warn: this must not happen\s+at rules\.test\.js:27:\d+/,
    )

    const artifact = JSON.parse(readFileSync(join(run.dir, '.steadfast', 'warnings.json'), 'utf8'))
    // 5 cache misses, 3 retries, 4 DEP_NOISE, 1 PerfWarning.
    expect(artifact.ignored).toBe(13)
    expect(artifact.total).toBe(4)
    const kinds = Object.fromEntries(
      artifact.kinds.map((k: { type: string; error: boolean; count: number }) => [
        k.type,
        [k.count, k.error],
      ]),
    )
    expect(kinds).toEqual({
      DeprecationWarning: [1, true],
      CustomWarning: [1, false],
      ExperimentalWarning: [1, true],
      'console.warn': [1, true],
    })
    // Ignored warnings are not printed, live or by Node.
    expect(run.stderr).not.toMatch(/cache miss|retry \d of 3|noisy|took long/)
    expect(run.stdout).toContain('  [error rule]')
  })

  test('an error rule met while no test runs fails the file', async () => {
    const run = await runFixture({
      runner,
      files: { ...config(vitest, RULES_OPTIONS), 'load.test.js': moduleLoadFile(vitest) },
    })
    expect(run.exitCode).toBe(1)
    expect(`${run.stdout}${run.stderr}`).toContain(
      'file load.test.js emitted a warning that an error rule of @steadfast/warnings forbids:',
    )
    expect(`${run.stdout}${run.stderr}`).toMatch(
      /DeprecationWarning DEP_FORBIDDEN: at load\s+at load\.test\.js:3:\d+/,
    )
  })
})
