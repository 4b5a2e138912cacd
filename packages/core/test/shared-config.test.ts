import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { GIVEN_OPTIONS, HANDED_ENV, handToWorkers, isSteadfastError, readSharedConfig } from '../src/index.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  delete process.env[HANDED_ENV]
})
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'steadfast-config-'))
  dirs.push(dir)
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
  return dir
}

describe('readSharedConfig', () => {
  test('returns the section of the plugin from steadfast.config.json', () => {
    const root = project({ 'steadfast.config.json': '{ "rejections": { "mode": "warn" }, "warnings": {} }' })
    expect(readSharedConfig(root, 'rejections')).toEqual({ mode: 'warn' })
  })

  test('reads an ES module steadfast.config.mjs (export default)', () => {
    const root = project({ 'steadfast.config.mjs': "export default { rejections: { leaks: 'fail' } }" })
    expect(readSharedConfig(root, 'rejections')).toEqual({ leaks: 'fail' })
  })

  test('reads a CommonJS steadfast.config.cjs, RegExps included', () => {
    const root = project({
      'steadfast.config.cjs': 'module.exports = { rejections: { ignore: [/ECONNRESET/] } }',
    })
    expect(readSharedConfig(root, 'rejections')).toEqual({ ignore: [/ECONNRESET/] })
  })

  test('is undefined without a config file or without the section', () => {
    expect(readSharedConfig(project({}), 'rejections')).toBeUndefined()
    expect(readSharedConfig(project({ 'steadfast.config.json': '{}' }), 'rejections')).toBeUndefined()
  })

  test('a broken file is named with the fix, never ignored', () => {
    const root = project({ 'steadfast.config.json': '{ "rejections": ' })
    let caught: unknown
    try {
      readSharedConfig(root, 'rejections')
    } catch (error) {
      caught = error
    }
    expect(isSteadfastError(caught, 'STEADFAST_CONFIG')).toBe(true)
    expect((caught as Error).message).toMatch(
      /^Could not read the Steadfast config file .*steadfast\.config\.json: .*\. Fix its syntax \(it must be JSON\)\.$/,
    )
  })

  test('options given in code (handed down by withSteadfast) stand for the file, RegExps included', () => {
    const root = project({ 'steadfast.config.json': '{ "rejections": { "mode": "warn" } }' })
    handToWorkers(GIVEN_OPTIONS, { rejections: { ignore: [/^E/i] } })
    // As a worker reads it, from the variable alone.
    process.env[HANDED_ENV] = String(process.env[HANDED_ENV])
    expect(readSharedConfig(root, 'rejections')).toEqual({ ignore: [/^E/i] })
    expect(readSharedConfig(root, 'warnings')).toBeUndefined()
  })

  test('a hand-off variable that is not JSON is named, with the fix', () => {
    process.env[HANDED_ENV] = '{ rejections'
    let caught: unknown
    try {
      readSharedConfig(project({}), 'rejections')
    } catch (error) {
      caught = error
    }
    expect(isSteadfastError(caught, 'STEADFAST_HANDED')).toBe(true)
    expect((caught as Error).message).toMatch(
      /^STEADFAST_HANDED is not what Steadfast's plugin or reporter writes/,
    )
  })
})
