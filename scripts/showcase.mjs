#!/usr/bin/env node
// Runs every showcase suite in examples/ with its own runner, then tells what each test showed.
// Exits 0 only when every test behaved as the tour says.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { jobsAppProcessesIn } from './showcase-leftovers.mjs'
import { behaved, overview, PART_MARKS, reported, TOUR } from './showcase-tour.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = mkdtempSync(join(tmpdir(), 'steadfast-showcase-'))

const SUITES = [
  {
    name: 'Vitest',
    dir: 'examples/showcase-vitest',
    bin: ['vitest', 'vitest.mjs'],
    args: (f) => ['run', '--reporter=json', `--outputFile=${f}`],
  },
  {
    name: 'Jest',
    dir: 'examples/showcase-jest',
    bin: ['jest', 'bin/jest.js'],
    args: (f) => ['--ci', '--json', `--outputFile=${f}`],
  },
]

let ok = true
console.log(
  'Steadfast showcase: the suite at work on a small jobs service (an HTTP server, its worker process, a file store), one line of config per runner\n',
)
for (const suite of SUITES) {
  const pkgDir = join(root, suite.dir)
  const runnerDir = join(pkgDir, 'node_modules', suite.bin[0])
  const report = join(out, `${suite.name}.json`)
  const started = Date.now()
  const result = spawnSync(process.execPath, [join(runnerDir, suite.bin[1]), ...suite.args(report)], {
    cwd: pkgDir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  let tests = []
  try {
    tests = JSON.parse(readFileSync(report, 'utf8')).testResults.flatMap((file) => file.assertionResults)
  } catch {
    // no report: the runner itself failed; its output is printed below
  }
  const output = `${result.stdout}\n${result.stderr}`
  console.log(`${suite.name} (${suite.dir}, ${seconds} s)`)
  for (const test of tests) {
    const stop = TOUR[test.title]
    const failure = (test.failureMessages ?? []).join('\n')
    const good = behaved(test.title, test.status, failure, output)
    ok &&= good
    const outcome = test.status === 'passed' ? 'passed' : 'failed, as it should'
    console.log(
      `  ${good ? '✓' : '✗'} ${stop?.says ?? test.title} (${good ? outcome : `${test.status}: not what the tour expects`})`,
    )
    const quote = reported(test.title, output)
    if (quote) console.log(`      | ${quote}`)
    else if (stop?.reported) console.log(`      the output does not show ${stop.reported}`)
    if (!good && failure) console.log(`      ${failure.split('\n').join('\n      ')}`)
  }
  const expected = Object.keys(TOUR).length
  if (tests.length !== expected) {
    ok = false
    console.log(`  ✗ expected ${expected} tests, the runner reported ${tests.length} (exit ${result.status})`)
    console.log(result.stdout, result.stderr)
  }
  const combined = overview(output)
  ok &&= combined.ok
  console.log(
    combined.ok
      ? `  ✓ The combined end-of-run report (every part in one place, and as HTML, JSON and Markdown):\n      | ${combined.text?.split('\n').join('\n      | ')}`
      : `  ✗ The combined end-of-run report is missing, or a part did not end as expected (${JSON.stringify(PART_MARKS)}):\n${combined.text ?? output}`,
  )
  const left = jobsAppProcessesIn(pkgDir)
  ok &&= left.length === 0
  console.log(
    left.length === 0
      ? '  ✓ No process of the jobs app is left running: respawn stopped each tree at the end of its file.'
      : `  ✗ Processes of the jobs app still running after the run:\n      ${left.join('\n      ')}`,
  )
  console.log('')
}
rmSync(out, { recursive: true, force: true })
console.log(
  ok ? 'Everything behaved as the tour says.' : 'Something did not behave as the tour says (see ✗ above).',
)
process.exit(ok ? 0 : 1)
