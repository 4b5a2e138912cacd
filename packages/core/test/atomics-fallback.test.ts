// When every timer core can reach is fake, setRealTimeout falls back to Atomics.waitAsync. To get
// there in-process, import a fresh copy of clock.ts while @sinonjs/fake-timers is installed: that
// copy captures the fakes at import, as a copy loaded by a setup file after the fakes would.
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as FakeTimers from '@sinonjs/fake-timers'
import ts from 'typescript'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { activeResources, type ClockTimerWatch, realDelay, stopwatch, watchClockTimers } from './_real.js'

type ClockModule = typeof import('../src/clock.js')

let clock: FakeTimers.Clock | undefined
let watch: ClockTimerWatch | undefined
afterEach(() => {
  clock?.uninstall()
  clock = undefined
  watch?.stop()
  watch = undefined
  vi.doUnmock('node:timers')
  vi.resetModules()
})

/** A fresh copy of clock.ts that captured sinon's fakes, and only fakes, when it was imported. */
async function importUnderFakes(): Promise<ClockModule> {
  // Everything but nextTick, which Vitest's worker needs to talk to the main process.
  clock = FakeTimers.install({ toNotFake: ['nextTick'] })
  vi.resetModules()
  // Vitest hands modules Node's ESM namespace of node:timers, which sinon never patches; give this
  // copy the CommonJS exports sinon did patch, as a CommonJS build of the package sees them.
  vi.doMock('node:timers', () => process.getBuiltinModule('node:timers'))
  return import('../src/clock.js')
}

describe('setRealTimeout when every timer is fake', () => {
  test('waits on Atomics.waitAsync, holding a MessagePort rather than a Node timer', async () => {
    const { setRealTimeout } = await importUnderFakes()
    const before = await activeResources('MessagePort')
    watch = watchClockTimers()
    const cancel = setRealTimeout(() => {}, 60_000)
    const during = { ports: await activeResources('MessagePort'), timers: await watch.alive() }
    cancel()
    expect(during).toEqual({ ports: before + 1, timers: [] })
  })

  test('calls back once the delay has passed in real time', async () => {
    const { setRealTimeout } = await importUnderFakes()
    const elapsed = stopwatch()
    const firedAfter = await new Promise<number>((resolve) => setRealTimeout(() => resolve(elapsed()), 40))
    expect(firedAfter).toBeGreaterThanOrEqual(40)
  })

  test('ignores the fake clock: running it neither fires nor delays the callback', async () => {
    const { setRealTimeout } = await importUnderFakes()
    const elapsed = stopwatch()
    let calls = 0
    const fired = new Promise<number>((resolve) =>
      setRealTimeout(() => {
        calls++
        resolve(elapsed())
      }, 30),
    )
    clock?.tick(60_000)
    const callsAfterTick = calls
    expect({ callsAfterTick, firedAfter30ms: (await fired) >= 30 }).toEqual({
      callsAfterTick: 0,
      firedAfter30ms: true,
    })
  })

  test('does not call back once cancelled', async () => {
    const { setRealTimeout } = await importUnderFakes()
    let calls = 0
    const cancel = setRealTimeout(() => calls++, 10)
    cancel()
    await realDelay(50)
    expect(calls).toBe(0)
  })

  test('keeps the process alive only while pending: the port is gone once it fired', async () => {
    const { setRealTimeout } = await importUnderFakes()
    const before = await activeResources('MessagePort')
    await new Promise<void>((resolve) => setRealTimeout(resolve, 10))
    expect(await activeResources('MessagePort')).toBe(before)
  })

  test('keeps the process alive only while pending: the port is gone once cancelled', async () => {
    const { setRealTimeout } = await importUnderFakes()
    const before = await activeResources('MessagePort')
    const cancel = setRealTimeout(() => {}, 60_000)
    cancel()
    expect(await activeResources('MessagePort')).toBe(before)
  })

  test('holds no port with ref: false, and still calls back', async () => {
    const { setRealTimeout } = await importUnderFakes()
    const before = await activeResources('MessagePort')
    const fired = new Promise<void>((resolve) => setRealTimeout(resolve, 20, { ref: false }))
    const during = await activeResources('MessagePort')
    await fired
    expect(during).toBe(before)
  })

  test('calls back for a zero delay although queueMicrotask is fake too', async () => {
    const { setRealTimeout } = await importUnderFakes()
    expect(FakeTimers.timers.queueMicrotask).toBeDefined()
    // Hangs (and the test times out) if the callback waits on the fake queueMicrotask.
    await new Promise<void>((resolve) => setRealTimeout(resolve, 0))
  })
})

describe('realNow in a copy imported under fakes', () => {
  test('advances in real time while the fake hrtime and performance stand still', async () => {
    const { realNow } = await importUnderFakes()
    const fakeBefore = [performance.now(), Number(process.hrtime.bigint())]
    const start = realNow()
    await realDelay(30)
    expect({
      fake: [performance.now(), Number(process.hrtime.bigint())],
      advanced: realNow() - start >= 30,
    }).toEqual({ fake: fakeBefore, advanced: true })
  })
})

describe('a process whose only pending work is a fallback timer', () => {
  // The in-process checks above count handles; this runs the real thing: a Node process with every
  // timer faked before clock.ts loads, which must stay alive exactly as long as the timer is pending.
  const here = dirname(fileURLToPath(import.meta.url))

  async function runChild(mode: 'ref' | 'unref' | 'cancel'): Promise<{ fired: boolean; elapsed: number }> {
    const dir = await mkdtemp(join(tmpdir(), 'steadfast-core-atomics-'))
    try {
      const sources = join(here, '../src')
      for (const file of (await readdir(sources)).filter((name) => name.endsWith('.ts'))) {
        const { outputText } = ts.transpileModule(await readFile(join(sources, file), 'utf8'), {
          compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023 },
        })
        await writeFile(join(dir, file.replace(/\.ts$/, '.js')), outputText)
      }
      await writeFile(join(dir, 'package.json'), '{ "type": "module" }')
      const sinon = createRequire(import.meta.url).resolve('@sinonjs/fake-timers')
      await writeFile(
        join(dir, 'child.js'),
        `
import { createRequire, syncBuiltinESMExports } from 'node:module'
const hrtime = process.hrtime.bigint
const started = hrtime()
createRequire(import.meta.url)(${JSON.stringify(sinon)}).install({ toNotFake: ['nextTick'] })
syncBuiltinESMExports() // node:timers' ESM namespace now shows the fakes too
const { setRealTimeout } = await import('./clock.js')
let fired = false
const cancel = setRealTimeout(() => { fired = true }, 200, { ref: ${mode !== 'unref'} })
if (${mode === 'cancel'}) cancel()
process.on('exit', () => {
  process.stdout.write(JSON.stringify({ fired, elapsed: Number(hrtime() - started) / 1e6 }))
})
`,
      )
      const stdout = await new Promise<string>((resolve, reject) => {
        execFile(process.execPath, [join(dir, 'child.js')], { timeout: 20_000 }, (error, out, err) =>
          error ? reject(new Error(`child failed: ${error.message}\n${err}`)) : resolve(out),
        )
      })
      return JSON.parse(stdout) as { fired: boolean; elapsed: number }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }

  test('stays alive until the timer fires, then exits', async () => {
    const { fired, elapsed } = await runChild('ref')
    expect(fired).toBe(true)
    expect(elapsed).toBeGreaterThanOrEqual(200)
  })

  test('exits without waiting for a timer set with ref: false', async () => {
    expect((await runChild('unref')).fired).toBe(false)
  })

  test('exits once the timer is cancelled', async () => {
    expect((await runChild('cancel')).fired).toBe(false)
  })
})
