import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, test, vi } from 'vitest'
import { codeDirOf } from '../src/codeDir.js'

const here = dirname(fileURLToPath(import.meta.url))
const saved = Object.getOwnPropertyDescriptor(Error, 'prepareStackTrace')

afterEach(() => {
  if (saved) Object.defineProperty(Error, 'prepareStackTrace', saved)
  else delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace
})

test('names the folder of the module that created the error', () => {
  expect(codeDirOf(new Error())).toBe(here)
})

test("leaves a runner's stack formatter uncalled, and in place", () => {
  // Vitest's source-map formatter maps every frame: the reason codeDirOf reads call sites instead.
  const formatter = vi.fn((error: Error) => `${error.name}: mapped`)
  Error.prepareStackTrace = formatter
  expect(codeDirOf(new Error())).toBe(here)
  expect(formatter).not.toHaveBeenCalled()
  expect(Error.prepareStackTrace).toBe(formatter)
})

test('reads an error whose stack was already formatted', () => {
  const error = new Error()
  expect(error.stack).toContain('code-dir.test.ts')
  expect(codeDirOf(error)).toBe(here)
})
