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
