import type { RunOutcome, RunSection } from '@steadfast/core'
import { describe, expect, test } from 'vitest'
import { headline, type ReportContext, toHtml, toJson, toMarkdown, toTerminal } from '../src/report.js'

const context: ReportContext = {
  runner: 'Vitest',
  dir: '/ci/project/.steadfast',
  parts: ['rejections', 'perf'],
}

const section = (
  part: string,
  status: RunSection['status'],
  extra: Partial<RunSection> = {},
): RunSection => ({
  part,
  status,
  headline: `${part} headline`,
  text: `@steadfast/${part}: details`,
  markdown: `### @steadfast/${part}`,
  files: {},
  counts: {},
  ...extra,
})

const run = (outcome: Partial<RunOutcome> = {}): RunOutcome => ({
  status: 'passed',
  tests: 25,
  failedTests: 0,
  failedFiles: 0,
  unhandledErrors: 0,
  ...outcome,
})

describe('the combined report', () => {
  test('the worst part sets the status, and a part that handed nothing in is named as missing', () => {
    const sections = [section('rejections', 'warned')]
    expect(toJson(sections, ['perf'], 'Jest')).toMatchObject({ status: 'warned', missing: ['perf'] })
    const text = toTerminal(sections, ['perf'], context, undefined)
    expect(text).toContain('Steadfast (Vitest): findings that failed nothing\n')
    expect(text).toContain('  ! rejections  rejections headline')
    expect(text).toContain('  ? perf        handed in no summary: its end of run did not run')
  })

  test('no part with findings, in a run that passed, reads all clear', () => {
    expect(toTerminal([section('perf', 'passed', { text: '' })], [], context, undefined, run())).toContain(
      'Steadfast (Vitest): all clear; the run passed',
    )
  })

  test.each<[string, RunSection['status'], Partial<RunOutcome>, string]>([
    ['nothing found, run passed', 'passed', {}, 'all clear; the run passed'],
    ['findings, run passed', 'warned', {}, 'findings that failed nothing; the run passed'],
    [
      'findings, tests failed on their own',
      'warned',
      { status: 'failed', failedTests: 24 },
      'findings that failed nothing; 24 tests failed on their own',
    ],
    [
      'nothing found, one file failed on its own',
      'passed',
      { status: 'failed', failedFiles: 1 },
      'nothing found; 1 test file failed on its own',
    ],
    [
      'nothing found, only unhandled errors',
      'passed',
      { status: 'failed', unhandledErrors: 2 },
      'nothing found; the run failed on its own, and the runner reported 2 unhandled errors',
    ],
    [
      'a part failed, other tests failed too',
      'failed',
      { status: 'failed', failedTests: 3, failedFiles: 1 },
      'a part failed the run; 3 tests and 1 test file failed in all',
    ],
    ['a part failed, every test passed', 'failed', {}, 'a part failed the run; all 25 tests passed'],
    [
      'interrupted',
      'warned',
      { status: 'interrupted' },
      'findings that failed nothing; the run was interrupted',
    ],
  ])('%s: "%s"', (_case, status, outcome, words) => {
    const sections = [section('rejections', status)]
    expect(headline(sections, run(outcome))).toBe(words)
    const json = toJson(sections, [], 'Jest', run(outcome))
    expect(json.headline).toBe(words)
    // The status never reads passed for a run that failed, whoever failed it.
    expect(json.status).toBe(json.run?.status === 'passed' ? status : 'failed')
    expect(json.partsStatus).toBe(status)
  })

  test("without the runner's result (steadfast merge) it says only what the parts found", () => {
    expect(headline([section('rejections', 'passed')], undefined)).toBe('nothing found')
    expect(toJson([section('rejections', 'warned')], [], 'merge')).toMatchObject({
      status: 'warned',
      run: null,
    })
  })

  test('Markdown keeps a table cell whole when a headline holds a pipe', () => {
    const markdown = toMarkdown([section('perf', 'failed', { headline: 'a | b' })], [], context)
    expect(markdown).toContain('| ✗ | perf | a \\| b |')
  })

  test('the HTML escapes what tests wrote and links the reports relative to the run directory', () => {
    const html = toHtml(
      [
        section('perf', 'failed', {
          text: 'Error: <script>alert(1)</script>',
          files: { html: '/ci/project/.steadfast/perf.html', json: '/ci/project/.steadfast/perf.json' },
        }),
      ],
      [],
      context,
      '2026-11-30T00:00:00.000Z',
    )
    expect(html).not.toContain('<script>')
    expect(html).toContain('Error: &lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('<a href="perf.html">perf.html (plots)</a> · <a href="perf.json">perf.json</a>')
  })
})
