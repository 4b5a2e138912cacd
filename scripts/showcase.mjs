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

// What each showcase test demonstrates, in the words of the tour, and how it must end.
const TOUR = {
  'a sleep-polling loop never finishes: its sleep is fake': {
    state: 'passed',
    says: 'wait: the usual `while (!done) await sleep(100)` loop hangs under fake timers; withTimeout() caught it after 300 real ms with a WaitTimeoutError.',
  },
  'waitFor polls on the real clock and returns the stored job': {
    state: 'passed',
    says: 'wait: waitFor() kept polling on the real clock while fake timers were on, and returned the job the file store wrote.',
  },
  'the retry backoff is skipped with one fake tick, and waitForEvent sees the retry succeed': {
    state: 'passed',
    says: "wait: one fake tick skipped a 30 s retry backoff; waitForEvent() caught the retry's 'done' event, filtered by job id.",
  },
  'an Event wakes every waiter at once when the job lands': {
    state: 'passed',
    says: 'wait: five waiters on one Event woke together the moment the job landed: no polling.',
  },
  'a wait that runs out names what it waited for and how long': {
    state: 'passed',
    says: 'wait: a wait that ran out said what it waited for, how long, and how many checks it made.',
  },
  'cancelling a job marks it cancelled (and its un-awaited audit write fails)': {
    state: 'failed',
    failure:
      /Unhandled rejection caused by test "cancelling jobs, two tests at once > cancelling a job[^"]*"[\s\S]*ENOENT/,
    says: 'rejections: an audit write nobody awaited rejected (ENOENT); the test that started it failed, named, with the original error and its line.',
  },
  'a job nobody cancels still runs': {
    state: 'passed',
    says: 'rejections: the test running at the same time stayed green: the error was blamed on its own test, not on whichever ran last.',
  },
}

let ok = true
console.log('Steadfast showcase: @steadfast/wait and @steadfast/rejections at work on a small job runner\n')
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
    const stop = TOUR[test.title]
    const failure = (test.failureMessages ?? []).join('\n')
    const behaved =
      stop !== undefined && test.status === stop.state && (!stop.failure || stop.failure.test(failure))
    ok &&= behaved
    const outcome = test.status === 'passed' ? 'passed' : 'failed, as it should'
    console.log(
      `  ${behaved ? '✓' : '✗'} ${stop?.says ?? test.title} (${behaved ? outcome : `${test.status}: not what the tour expects`})`,
    )
    if (!behaved) console.log(`      ${failure.split('\n').join('\n      ')}`)
  }
  const expected = Object.keys(TOUR).length
  if (tests.length !== expected) {
    ok = false
    console.log(`  ✗ expected ${expected} tests, the runner reported ${tests.length} (exit ${result.status})`)
    console.log(result.stdout, result.stderr)
  }
  const summary = /@steadfast\/rejections: \d+ unhandled errors? in[^\n]*/.exec(result.stdout)?.[0]
  if (summary) console.log(`  End-of-run summary printed: "${summary}"`)
  console.log('')
}
rmSync(out, { recursive: true, force: true })
console.log(
  ok ? 'Everything behaved as the tour says.' : 'Something did not behave as the tour says (see ✗ above).',
)
process.exit(ok ? 0 : 1)
