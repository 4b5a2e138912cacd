import { afterEach, describe, expect, test } from 'vitest'
import { captureConsole, WarningCapture } from '../src/capture.js'

type Seen = Array<{ type: string; code: string; message: string }>
const tick = () => new Promise<void>((resolve) => process.nextTick(resolve))
const cleanups: Array<() => void> = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

describe('WarningCapture', () => {
  test("hears process.emitWarning and takes Node's printer off until the last release", async () => {
    const printers = () => process.listeners('warning').filter((l) => l.name === 'onWarning').length
    const before = printers()
    const seen: Seen = []
    const capture = new WarningCapture(process, (type, code, message) => seen.push({ type, code, message }))
    cleanups.push(() => {
      while (capture.active) capture.release()
    })
    capture.acquire()
    capture.acquire()
    expect(printers()).toBe(0)
    process.emitWarning('old thing', 'DeprecationWarning', 'DEP_TEST')
    await tick()
    expect(seen).toEqual([{ type: 'DeprecationWarning', code: 'DEP_TEST', message: 'old thing' }])
    capture.release()
    expect(printers()).toBe(0)
    capture.release()
    expect(printers()).toBe(before)
  })
})

describe('WarningCapture: a warning only the capture hears', () => {
  type Heard = { type: string; code: string; message: string; carrier: object | undefined }
  function start(): { heard: Heard[]; capture: WarningCapture } {
    const heard: Heard[] = []
    const capture = new WarningCapture(process, (type, code, message, carrier) =>
      heard.push({ type, code, message, carrier }),
    )
    cleanups.push(() => {
      while (capture.active) capture.release()
    })
    capture.acquire()
    return { heard, capture }
  }

  test("is delivered at once, without an Error, with the caller's stack; release puts emitWarning back", () => {
    const original = process.emitWarning
    const { heard, capture } = start()
    expect(process.emitWarning).not.toBe(original)
    process.emitWarning('cache miss', { type: 'CacheWarning', code: 'C1' })
    process.emitWarning('old thing', 'DeprecationWarning', 'DEP_X')
    process.emitWarning('plain')
    expect(heard.map(({ type, code, message }) => ({ type, code, message }))).toEqual([
      { type: 'CacheWarning', code: 'C1', message: 'cache miss' },
      { type: 'DeprecationWarning', code: 'DEP_X', message: 'old thing' },
      { type: 'Warning', code: '', message: 'plain' },
    ])
    const carrier = heard[0]?.carrier as { stack?: string }
    expect(carrier).not.toBeInstanceOf(Error)
    expect(carrier.stack?.split('\n')[1]).toContain('capture.test.ts')
    capture.release()
    expect(process.emitWarning).toBe(original)
  })

  test('goes through Node as before when another listener hears warnings too', async () => {
    const { heard } = start()
    const other: unknown[] = []
    const listener = (warning: unknown) => other.push(warning)
    process.on('warning', listener)
    cleanups.push(() => process.off('warning', listener))
    process.emitWarning('shared', 'CacheWarning')
    expect(heard).toEqual([])
    await tick()
    expect(heard.map((h) => h.message)).toEqual(['shared'])
    expect(heard[0]?.carrier).toBeInstanceOf(Error)
    expect(other).toHaveLength(1)
  })

  test("and through Node for an Error, a detail, or Node's deprecation switches", async () => {
    const { heard } = start()
    process.emitWarning(new Error('as an error'))
    process.emitWarning('with detail', { type: 'CacheWarning', detail: 'more' })
    process.noDeprecation = true
    cleanups.push(() => {
      process.noDeprecation = false
    })
    process.emitWarning('silenced', 'DeprecationWarning', 'DEP_Y')
    expect(heard).toEqual([])
    await tick()
    expect(heard.map((h) => h.message)).toEqual(['as an error', 'with detail'])
  })

  test('keeps what process.emit filters (Vitest drops some warnings there)', () => {
    const { heard } = start()
    const emit = process.emit
    process.emit = function (this: NodeJS.Process, event: string, ...args: unknown[]) {
      if (event === 'warning' && (args[0] as { message?: string }).message === 'dropped') return false
      return Reflect.apply(emit, this, [event, ...args])
    } as typeof process.emit
    cleanups.push(() => {
      process.emit = emit
    })
    process.emitWarning('dropped', 'ExperimentalWarning')
    process.emitWarning('kept', 'ExperimentalWarning')
    expect(heard.map((h) => h.message)).toEqual(['kept'])
  })
})

describe('captureConsole', () => {
  test('routes console.warn to the sink with the caller as origin, and undoes it', () => {
    const target = { warn: () => {}, error: () => {} } as unknown as Console
    const original = target.warn
    const originalError = target.error
    const seen: Array<{ message: string; carrier: object | undefined }> = []
    const undo = captureConsole(target, ['warn'], (_type, _code, message, carrier) =>
      seen.push({ message, carrier }),
    )
    target.warn('slow: %d ms', 12)
    expect(seen[0]?.message).toBe('slow: 12 ms')
    const carrier = seen[0]?.carrier as { stack?: string } | undefined
    expect(String(carrier?.stack)).toContain('capture.test.ts')
    // Only the methods asked for.
    expect(target.error).toBe(originalError)
    undo()
    expect(target.warn).toBe(original)
  })
})
