#!/usr/bin/env node
// Runs every showcase suite in examples/ with its own runner, then tells what each test showed.
// Exits 0 only when every test behaved as the tour says.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = mkdtempSync(join(tmpdir(), 'steadfast-showcase-'))

const SUITES = [
  {
    name: 'Vitest',
    dir: 'examples/wait-vitest',
    bin: ['vitest', 'vitest.mjs'],
    args: (f) => ['run', '--reporter=json', `--outputFile=${f}`],
  },
  {
    name: 'Jest',
    dir: 'examples/wait-jest',
    bin: ['jest', 'bin/jest.js'],
    args: (f) => ['--ci', '--json', `--outputFile=${f}`],
  },
]

// What each showcase test demonstrates, in the words of the tour.
const TOUR = {
  'a sleep-polling loop never finishes: its sleep is fake':
    'The usual `while (!done) await sleep(100)` loop hangs under fake timers; withTimeout() caught it after 300 real ms with a WaitTimeoutError.',
  'waitFor polls on the real clock and returns the stored job':
    'waitFor() kept polling on the real clock while fake timers were on, and returned the job the file store wrote.',
  'the retry backoff is skipped with one fake tick, and waitForEvent sees the retry succeed':
    "One fake tick skipped a 30 s retry backoff; waitForEvent() caught the retry's 'done' event, filtered by job id.",
  'an Event wakes every waiter at once when the job lands':
    'Five waiters on one Event woke together the moment the job landed: no polling.',
  'a wait that runs out names what it waited for and how long':
    'A wait that ran out said what it waited for, how long, and how many checks it made.',
}

let ok = true
console.log('Steadfast showcase — @steadfast/wait: real waits in suites that use fake timers\n')
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
  console.log(`${suite.name} (${suite.dir}, ${seconds} s)`)
  for (const test of tests) {
    const passed = test.status === 'passed'
    ok &&= passed
    console.log(`  ${passed ? '✓' : '✗'} ${TOUR[test.title] ?? test.title}`)
    if (!passed) console.log(`      ${(test.failureMessages ?? []).join('\n      ')}`)
  }
  const expected = Object.keys(TOUR).length
  if (result.status !== 0 || tests.length !== expected) {
    ok = false
    console.log(
      `  ✗ expected ${expected} passing tests, the runner exited ${result.status} with ${tests.length}`,
    )
    console.log(result.stdout, result.stderr)
  }
  console.log('')
}
rmSync(out, { recursive: true, force: true })
console.log(
  ok ? 'Everything behaved as the tour says.' : 'Something did not behave as the tour says (see ✗ above).',
)
process.exit(ok ? 0 : 1)
