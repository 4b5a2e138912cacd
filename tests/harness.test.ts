import { describe, expect, test } from 'vitest'
import { RUNNERS, runFixture } from './harness/index.js'

const vitestTest = `
import { describe, expect, test } from 'vitest'
describe('group', () => {
  test('passes', () => expect(1 + 1).toBe(2))
  test('fails', () => expect(1 + 1).toBe(3))
})
test.skip('skipped', () => {})
`
const jestTest = `
const { describe, expect, test } = require('@jest/globals')
describe('group', () => {
  test('passes', () => expect(1 + 1).toBe(2))
  test('fails', () => expect(1 + 1).toBe(3))
})
test.skip('skipped', () => {})
`

describe.concurrent.each(RUNNERS)('the harness on %s', (runner) => {
  test('runs the real runner and reads its report, one state per test', async () => {
    const run = await runFixture({
      runner,
      files: runner.startsWith('vitest') ? { 'basic.test.js': vitestTest } : { 'basic.test.js': jestTest },
    })
    expect(run.reportError).toBeUndefined()
    expect(run.exitCode).toBe(1)
    expect(run.states()).toEqual({
      'group > passes': 'passed',
      'group > fails': 'failed',
      skipped: 'skipped',
    })
    expect(run.test('group > fails').errors.join('\n')).toMatch(/expected.*3|Expected.*3/s)
    expect(run.report.tests.every((t) => t.file === 'basic.test.js')).toBe(true)
  })
})
