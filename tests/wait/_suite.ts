// One suite of @steadfast/wait behaviours under fake timers, written for whichever runner and fake
// flavour a fixture uses: the same assertions must hold in every cell of the matrix.

export interface FakeMode {
  /** Title of the describe block in the fixture. */
  name: string
  /** Code run in beforeEach to install the fakes ('' when a setup file or config installed them). */
  install: string
  /** Code run in afterEach to restore real timers. */
  restore: string
  /** Whether this flavour fakes `Date`: then the fake clock must still read the same after real waits. */
  fakesDate: boolean
}

export function waitSuite(header: string, modes: FakeMode[]): string {
  return `${header}

// This file's own measure of real time, independent of the package under test. Fakes may be in
// place already (installed by a setup file or the config), but none replaces the prototype's now().
const protoNow = Object.getPrototypeOf(perfHooks).now
const hr = () => protoNow.call(perfHooks)

${modes.map(describeMode).join('\n')}
`
}

function describeMode(mode: FakeMode): string {
  return `
describe(${JSON.stringify(mode.name)}, () => {
  beforeEach(() => { ${mode.install} })
  afterEach(() => { ${mode.restore} })

  test('realSleep waits real time', async () => {
    const fakeBefore = Date.now()
    const start = hr()
    await realSleep(40)
    expect(hr() - start).toBeGreaterThanOrEqual(39)
    ${mode.fakesDate ? 'expect(Date.now()).toBe(fakeBefore)' : 'expect(Date.now()).toBeGreaterThanOrEqual(fakeBefore)'}
  })

  test('realNow moves while the fake clock stands still', async () => {
    const before = realNow()
    await realSleep(20)
    expect(realNow() - before).toBeGreaterThanOrEqual(19)
  })

  test('waitFor polls on the real clock and resolves with the truthy value', async () => {
    let calls = 0
    const value = await waitFor(() => ++calls >= 3 && 'ready', { interval: 5, timeout: 5000 })
    expect(value).toBe('ready')
    expect(calls).toBe(3)
  })

  test('waitFor times out with a WaitTimeoutError that names the wait and the caller', async () => {
    const error = await waitFor(() => { throw new Error('not yet: 0 of 3') }, { timeout: 60, interval: 10, message: 'three workers online' })
      .then(() => undefined, (e) => e)
    expect(WaitTimeoutError.is(error)).toBe(true)
    expect(error.code).toBe('STEADFAST_WAIT_TIMEOUT')
    expect(error.elapsed).toBeGreaterThanOrEqual(59)
    expect(error.message).toMatch(/waiting for three workers online/)
    expect(error.message).toMatch(/Last error: Error: not yet: 0 of 3/)
    expect(error.stack).toMatch(/wait\\.test\\.[cm]?js:\\d+/)
  })

  test('Event.wait wakes on set and times out in real time', async () => {
    const ready = new Event()
    const start = hr()
    expect(await ready.wait(30)).toBe(false)
    expect(hr() - start).toBeGreaterThanOrEqual(29)
    const woken = ready.wait(5000)
    ready.set()
    expect(await woken).toBe(true)
  })

  test('waitForEvent resolves with the first accepted event', async () => {
    const emitter = new EventEmitter()
    void realSleep(10).then(() => { emitter.emit('ready', { ok: false }); emitter.emit('ready', { ok: true, n: 2 }) })
    await expect(waitForEvent(emitter, 'ready', { timeout: 5000, filter: (x) => x.ok })).resolves.toEqual({ ok: true, n: 2 })
    expect(emitter.listenerCount('ready') + emitter.listenerCount('error')).toBe(0)
  })

  test('withTimeout rejects a promise that never settles, in real time', async () => {
    const error = await withTimeout(new Promise(() => {}), 30, 'database answered').then(() => undefined, (e) => e)
    expect(WaitTimeoutError.is(error)).toBe(true)
    expect(error.message).toMatch(/waiting for database answered/)
  })

  test('an aborted wait rejects with the reason and stops at once', async () => {
    const controller = new AbortController()
    const sleeping = realSleep(60_000, { signal: controller.signal })
    controller.abort(new Error('test over'))
    await expect(sleeping).rejects.toThrow('test over')
  })
})
`
}
