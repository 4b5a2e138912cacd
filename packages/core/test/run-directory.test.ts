import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { appendStepSummary, readJsonArtifacts, runDirectory, writeJsonAtomic } from '../src/index.js'

const cleanup: string[] = []
afterEach(() => {
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true })
})
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'steadfast-core-'))
  cleanup.push(dir)
  return dir
}

const isCount = (data: unknown): data is { count: number } =>
  typeof data === 'object' && data !== null && typeof (data as { count?: unknown }).count === 'number'

describe('the run directory', () => {
  test('is .steadfast under the root unless told otherwise', () => {
    expect(runDirectory('/project', undefined)).toBe(
      process.env.STEADFAST_DIR ? runDirectory('/project') : '/project/.steadfast',
    )
    expect(runDirectory('/project', 'out/sf')).toBe('/project/out/sf')
    expect(runDirectory('/project', '/abs')).toBe('/abs')
  })

  test('an atomic write leaves the JSON and no temp file', () => {
    const dir = tempDir()
    writeJsonAtomic(join(dir, 'nested', 'a.json'), { count: 1 })
    expect(readdirSync(join(dir, 'nested'))).toEqual(['a.json'])
    expect(readJsonArtifacts(join(dir, 'nested'), 'a', isCount).items.map((i) => i.data)).toEqual([
      { count: 1 },
    ])
  })

  test('a corrupt or foreign artifact is reported with its reason and skipped, the rest is read', () => {
    const dir = tempDir()
    writeJsonAtomic(join(dir, 'rejections-1.json'), { count: 1 })
    writeFileSync(join(dir, 'rejections-2.json'), '{"count": 2')
    writeFileSync(join(dir, 'rejections-3.json'), '{"other": true}')
    writeFileSync(join(dir, 'warnings-1.json'), '{"count": 9}')
    const read = readJsonArtifacts(dir, 'rejections-', isCount)
    expect(read.items.map((i) => i.data)).toEqual([{ count: 1 }])
    expect(read.corrupt.map((c) => [c.file.slice(dir.length + 1), c.reason.split(' (')[0]])).toEqual([
      ['rejections-2.json', 'not valid JSON'],
      ['rejections-3.json', 'not a Steadfast artifact of the expected shape'],
    ])
  })

  test('a missing directory reads as no artifacts', () => {
    expect(readJsonArtifacts(join(tempDir(), 'absent'), 'x', isCount)).toEqual({ items: [], corrupt: [] })
  })

  test('the step summary is appended only when GITHUB_STEP_SUMMARY is set', () => {
    const file = join(tempDir(), 'summary.md')
    expect(appendStepSummary('# one', {})).toBe(false)
    expect(appendStepSummary('# one', { GITHUB_STEP_SUMMARY: file })).toBe(true)
    expect(appendStepSummary('# two', { GITHUB_STEP_SUMMARY: file })).toBe(true)
    expect(appendStepSummary('# x', { GITHUB_STEP_SUMMARY: join(file, 'not-a-dir', 'x.md') })).toMatch(
      /^could not append to GITHUB_STEP_SUMMARY/,
    )
  })
})
