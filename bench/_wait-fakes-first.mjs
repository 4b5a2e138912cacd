// Child process of wait.bench.mjs: @sinonjs/fake-timers is installed BEFORE @steadfast/wait is
// imported, so every timer the package could capture (global and node:timers) is already fake and
// realSleep has to fall back to Atomics.waitAsync. A process of its own, because the package
// captures its timers once per process. Prints one JSON object on stdout.
import { hr, msBetween } from './_lib.mjs'

const sleeps = Number(process.argv[2] ?? 200)
const FakeTimers = (await import('@sinonjs/fake-timers')).default
const clock = FakeTimers.install()

const timers = process.getBuiltinModule?.('node:timers')
const fakes = {
  globalSetTimeout: globalThis.setTimeout.clock !== undefined,
  nodeTimersSetTimeout: timers?.setTimeout.clock !== undefined,
}
const { realNow, realSleep, waitFor } = await import('@steadfast/wait')

const uptimeAtFirstSleep = process.uptime() * 1000
const samples = []
const realNowDeltas = []
for (let i = 0; i < sleeps; i++) {
  const nowBefore = realNow()
  const start = hr()
  await realSleep(10)
  samples.push(msBetween(start, hr()))
  realNowDeltas.push(realNow() - nowBefore)
}

// How a timeout error reports the time that passed, when realNow is whatever it is here.
const start = hr()
const error = await waitFor(() => false, { timeout: 50, interval: 10 }).then(
  () => undefined,
  (e) => e,
)
const waitForTimeout = {
  actual: msBetween(start, hr()),
  reportedElapsed: error?.elapsed,
  message: error?.message,
}

clock.uninstall()
process.stdout.write(
  `${JSON.stringify({ fakes, uptimeAtFirstSleep, samples, realNowDeltas, waitForTimeout })}\n`,
)
