// The showcase's tour: what each test of examples/showcase-* demonstrates, in the tour's words, and
// how it must end. Shared by the README's showcase command (scripts/showcase.mjs) and the
// compatibility matrix (tests/showcase), which runs the same suites on every runner and pool.
// A stop whose proof is in the run's output rather than in the test's own result (a respawn, a leak
// report: tests pass either way) says what that output must show with `reported`, which the tour
// quotes.
export const TOUR = {
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
  'the tag index is faster than scanning every job': {
    state: 'passed',
    says: 'perf: a gate passed with headroom: the tag index is at least 2x faster than a scan, measured in interleaved rounds.',
  },
  'the next serializer is no slower than the shipped one (it is: a regression)': {
    state: 'failed',
    failure: /slower than its limit[\s\S]*re-measured: still violated/,
    says: 'perf: a gate caught a real regression (a deep copy added to the serializer), confirmed by a fresh re-measurement.',
  },
  'labelling every job the legacy way floods deprecation warnings': {
    state: 'passed',
    says: 'warnings: 200 deprecation warnings became one line live and one row of the end-of-run table, not 200 lines.',
  },
  'the API runs a job in its worker process and stores the result': {
    state: 'passed',
    says: 'respawn: the jobs service (an HTTP server and its worker process over the file store) started for this file, on a free {port} with a private {tmpdir} store, ready once /health answered; its worker ran a job.',
  },
  'a crash kills the API server mid-suite (SIGKILL, as the OOM killer would)': {
    state: 'passed',
    says: "respawn: a test killed the server with SIGKILL, the way a crash would; kill() resolved on the process's exit event, no sleep.",
  },
  'the next test finds the API respawned and healthy, its store intact': {
    state: 'passed',
    reported:
      /respawned\s+test\/api\.test\.js > jobs-api before "[^"\n]* > the next test finds the API respawned[^"\n]*": it exited \(signal SIGKILL\)/,
    says: 'respawn: before the next test the dead server was seen (its exit event, no polling) and its tree started afresh on the same port and store (the job stored before the crash was still there); the test was told why (a Vitest annotation, a line of Jest output), and the end-of-run summary says:',
  },
  "a test that reads one event of a job's stream and forgets to close it leaves a socket open": {
    state: 'passed',
    reported:
      /test\/api\.test\.js > [^\n]*forgets to close it[^\n]*: socket created at test\/api\.test\.js:\d+/,
    says: "rejections: a test read one event of a job's event stream and returned with the stream open; nothing failed (leaks: 'warn', the default) and the end of the file closed it, but the leak report named the test, the socket and the line that opened it:",
  },
  'a job nobody cancels still runs': {
    state: 'passed',
    says: 'rejections: the test running at the same time stayed green: the error was blamed on its own test, not on whichever ran last.',
  },
}

/**
 * Whether a test ended as the tour says (`state` from the runner's JSON report: passed/failed), and
 * the run's output (stdout and stderr) shows what the tour quotes for it.
 */
export function behaved(title, state, failure, output) {
  const stop = TOUR[title]
  return (
    stop !== undefined &&
    state === stop.state &&
    (!stop.failure || stop.failure.test(failure)) &&
    (!stop.reported || stop.reported.test(output))
  )
}

/** What the run's output showed for a test, as the tour quotes it (undefined: nothing to quote). */
export function reported(title, output) {
  return TOUR[title]?.reported?.exec(output)?.[0]
}

/** How each part must end the showcase run, as the combined report's overview marks it. */
export const PART_MARKS = { rejections: '✗', warnings: '!', respawn: '!', perf: '✗' }

/**
 * The combined end-of-run report's overview in the run's output (its title, one line per part,
 * where the report went), and whether every part ended as `PART_MARKS` says.
 */
export function overview(output) {
  const text = /Steadfast \((?:Vitest|Jest)\): [^\n]*\n(?: {2}[✓!✗?] [^\n]*\n)+ {2}report: [^\n]*/.exec(
    output,
  )?.[0]
  if (!text) return { text: undefined, ok: false }
  const marks = Object.fromEntries([...text.matchAll(/^ {2}([✓!✗?]) (\w+)/gm)].map((m) => [m[2], m[1]]))
  return { text, ok: JSON.stringify(marks) === JSON.stringify(PART_MARKS) }
}
