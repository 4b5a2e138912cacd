// The showcase's tour: what each test of examples/showcase-* demonstrates, in the tour's words, and
// how it must end. Shared by the README's showcase command (scripts/showcase.mjs) and the
// compatibility matrix (tests/showcase), which runs the same suites on every runner and pool.
// What each showcase test demonstrates, in the words of the tour, and how it must end.
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
  'a job nobody cancels still runs': {
    state: 'passed',
    says: 'rejections: the test running at the same time stayed green: the error was blamed on its own test, not on whichever ran last.',
  },
}

/** Whether a test ended as the tour says (`state` from the runner's JSON report: passed/failed). */
export function behaved(title, state, failure) {
  const stop = TOUR[title]
  return stop !== undefined && state === stop.state && (!stop.failure || stop.failure.test(failure))
}
