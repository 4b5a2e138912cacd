import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { runFixture } from '../harness/index.js'
import { project } from './_fixtures.js'

// `fast` / `slow` is a ratio of iteration counts (the same loop, 4000 vs 8000 times): a machine's
// speed cancels out, and it reads 0.50 ± 1 % even at a load of 6 on 2 cores. A limit of 1 is then
// satisfied and not loose, 2× inside the threshold (1.02) and 1.5× above the loose-limit one (1/3)
// for a value that moves 1 %. A limit of 20 is loose with a wide margin: 13× beyond its loose-limit
// threshold (20 / 3), 40× inside its threshold (a limit of 2 was only 1.3× beyond it).
const GATES = `
test('a 2x faster function passes', async () => {
  await expect(fast).toBeFasterThan(slow)
})
test('a limit 40x looser than measured', async () => {
  await expect(fast).toBeFasterThan(slow, { factor: 20 })
})
`

describe.concurrent.each(['vitest4', 'jest30'] as const)('@steadfast/perf modes in %s', (runner) => {
  test('STRICT_PERF=1 runs the strict mode: in the report, more rounds, and a loose limit fails', async () => {
    const run = await runFixture({
      runner,
      files: project(runner, { 'strict.test.js': GATES }),
      env: { STRICT_PERF: '1' },
    })
    expect(run.states()).toEqual({
      'a 2x faster function passes': 'passed',
      'a limit 40x looser than measured': 'failed',
    })
    expect(run.test('a limit 40x looser than measured').errors.join('\n')).toMatch(
      /failed as LOOSE_LIMIT: the limit 20\.000× is more than 3× looser than what was measured \(upper bound \d\.\d{3}×\)[\s\S]*margin 2 %[\s\S]*mode +strict \(STRICT_PERF=1\) +rounds (40|80|120|200) /,
    )
    expect(run.stdout).toMatch(/@steadfast\/perf: 2 gates, 1 failed, mode strict \(STRICT_PERF=1\)/)
    const gates = JSON.parse(readFileSync(join(run.dir, '.steadfast', 'perf.json'), 'utf8')).gates
    expect(gates.map((g: { mode: string; margin: number }) => [g.mode, g.margin])).toEqual([
      ['strict', 0.02],
      ['strict', 0.02],
    ])
    expect(gates.every((g: { rounds: number }) => g.rounds >= 40)).toBe(true)
  })

  test('PR mode passes a loose limit with a LOOSE_LIMIT warning', async () => {
    const run = await runFixture({ runner, files: project(runner, { 'strict.test.js': GATES }) })
    expect(run.states()).toEqual({
      'a 2x faster function passes': 'passed',
      'a limit 40x looser than measured': 'passed',
    })
    expect(`${run.stdout}\n${run.stderr}`).toMatch(
      /\[steadfast\/perf\] toBeFasterThan "a limit 40x looser than measured" warning \(LOOSE_LIMIT\): the limit 20\.000× is more than 3× looser/,
    )
    expect(run.stdout).toMatch(/@steadfast\/perf: 2 gates, 0 failed, mode PR/)
  })
})
