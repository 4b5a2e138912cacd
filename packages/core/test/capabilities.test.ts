import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { CAPABILITIES, hasCapability } from '../src/index.js'

const SEEN = Symbol.for('steadfast.core.capabilities')
const env = { ...process.env }
beforeEach(() => {
  delete (process as unknown as Record<symbol, unknown>)[SEEN]
})
afterEach(() => {
  process.env = { ...env }
  vi.restoreAllMocks()
})

function stderrLines(): string[] {
  const lines: string[] = []
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk))
    return true
  })
  return lines
}

describe('hasCapability', () => {
  test('held: used, and nothing is said', () => {
    const lines = stderrLines()
    expect(hasCapability('node.handleOwner', true)).toBe(true)
    expect(lines).toEqual([])
  })

  test('missing: the public way, said once a process with the runner, what is less exact and the versions verified', () => {
    const lines = stderrLines()
    expect(hasCapability('node.warningPrinter', false)).toBe(false)
    expect(hasCapability('node.warningPrinter', false)).toBe(false)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toBe(
      `[steadfast] Node ${process.version}: cannot stop Node's warning printer while warnings are captured (the \`'warning'\` listener Node names \`onWarning\`, verified on Node 20, 24); going on without it: Node prints each warning too, beside the warnings part's own line.\n`,
    )
  })

  test('not offered by this version: the public way is the design, and nothing is said', () => {
    const lines = stderrLines()
    expect(hasCapability('jest.eventHandlers', undefined)).toBe(false)
    expect(lines).toEqual([])
  })

  test('STEADFAST_FALLBACK forces the public way, named or all, and the log records each outcome', () => {
    const dir = mkdtempSync(join(tmpdir(), 'steadfast-capabilities-'))
    try {
      const log = join(dir, 'capabilities.log')
      process.env.STEADFAST_CAPABILITIES_LOG = log
      process.env.STEADFAST_FALLBACK = 'vitest.safeTimers, jest.rootHooks'
      const lines = stderrLines()
      expect(hasCapability('vitest.safeTimers', true)).toBe(false)
      expect(hasCapability('jest.rootHooks', true)).toBe(false)
      expect(hasCapability('vitest.worker', true)).toBe(true)
      expect(hasCapability('vitest.taskHooks', undefined)).toBe(false)
      expect(lines).toHaveLength(2)
      expect(readFileSync(log, 'utf8')).toBe(
        [
          `${process.pid} vitest.safeTimers fell back`,
          `${process.pid} jest.rootHooks fell back`,
          `${process.pid} vitest.worker held`,
          `${process.pid} vitest.taskHooks not offered`,
          '',
        ].join('\n'),
      )
      delete (process as unknown as Record<symbol, unknown>)[SEEN]
      process.env.STEADFAST_FALLBACK = 'all'
      expect(hasCapability('vitest.worker', true)).toBe(false)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

test('docs/design/seam.md shows every capability as capabilities.ts has it', () => {
  const doc = readFileSync(join(import.meta.dirname, '../../../docs/design/seam.md'), 'utf8')
  const rows = doc
    .split('\n')
    .filter((line) => line.startsWith('| `') && /^\| `\w+\.\w+`/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replaceAll('\\|', '|')),
    )
  expect(rows).toEqual(
    Object.entries(CAPABILITIES).map(([key, c]) => [
      `\`${key}\``,
      c.does,
      c.internal,
      c.verified,
      c.fallback,
    ]),
  )
})
