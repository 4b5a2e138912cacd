// The compatibility matrix: the showcase suites of examples/ (the README's first command runs them
// with one Vitest and one Jest) on every supported runner version and pool, each test ending as the
// tour says. A copy of each example goes into a fixture project with that runner linked in.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { REPO_ROOT } from '../../scripts/fixture-project.mjs'
import { jobsAppProcessesIn } from '../../scripts/showcase-leftovers.mjs'
import { behaved, overview, TOUR } from '../../scripts/showcase-tour.mjs'
import { type FixtureRun, JEST_RUNNERS, type RunnerId, runFixture, VITEST_RUNNERS } from '../harness/index.js'

function example(name: string, config: [string, string]): Record<string, string> {
  const dir = join(REPO_ROOT, 'examples', name)
  const files: Record<string, string> = { [config[1]]: readFileSync(join(dir, config[0]), 'utf8') }
  for (const file of readdirSync(join(dir, 'test')))
    files[`test/${file}`] = readFileSync(join(dir, 'test', file), 'utf8')
  return files
}

const VITEST_EXAMPLE = {
  ...example('showcase-vitest', ['vitest.config.js', 'vitest.config.mjs']),
  'package.json': JSON.stringify({ name: 'showcase', private: true, type: 'module' }),
}
const JEST_EXAMPLE = example('showcase-jest', ['jest.config.cjs', 'jest.config.js'])

function expectTheTour(run: FixtureRun): void {
  const output = `${run.stdout}\n${run.stderr}`
  const outcomes = run.report.tests.map((t) => ({
    test: t.name,
    behaved: behaved(t.name, t.state, t.errors.join('\n'), output),
  }))
  expect(outcomes.map((o) => o.test).sort()).toEqual(Object.keys(TOUR).sort())
  expect(
    outcomes.filter((o) => !o.behaved),
    output,
  ).toEqual([])
  expect(run.stdout).toMatch(/@steadfast\/rejections: 1 unhandled error in 1 place/)
  // The combined report: every part there, each ending as the tour expects.
  expect(overview(output), output).toMatchObject({ ok: true })
  // The runner has exited: a server or worker of the jobs app still running now was left behind.
  expect(jobsAppProcessesIn(run.dir)).toEqual([])
}

const link = ['@steadfast/example-jobs-app']

describe.concurrent.each(
  VITEST_RUNNERS.flatMap((runner) =>
    ['forks', 'threads', 'vmThreads'].map((pool) => [runner, pool] as const),
  ),
)('the Vitest showcase in %s, --pool=%s', (runner: RunnerId, pool: string) => {
  test('every test ends as the tour says', async () => {
    expectTheTour(await runFixture({ runner, files: VITEST_EXAMPLE, args: [`--pool=${pool}`], link }))
  })
})

describe.concurrent.each(
  JEST_RUNNERS.flatMap((runner) => [[runner, 'workers'] as const, [runner, '--runInBand'] as const]),
)('the Jest showcase in %s, %s', (runner: RunnerId, mode: string) => {
  test('every test ends as the tour says', async () => {
    const args = mode === '--runInBand' ? ['--runInBand'] : ['--maxWorkers=2']
    expectTheTour(await runFixture({ runner, files: JEST_EXAMPLE, args, link }))
  })
})
