import type { RunSection } from '@steadfast/core'
import { describe, expect, test } from 'vitest'
import { type ReportContext, toHtml, toJson, toMarkdown, toTerminal } from '../src/report.js'

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

describe('the combined report', () => {
  test('the worst part sets the status, and a part that handed nothing in is named as missing', () => {
    const sections = [section('rejections', 'warned')]
    expect(toJson(sections, ['perf'], 'Jest')).toMatchObject({ status: 'warned', missing: ['perf'] })
    const text = toTerminal(sections, ['perf'], context, undefined)
    expect(text).toContain('Steadfast (Vitest): passed, with findings')
    expect(text).toContain('  ! rejections  rejections headline')
    expect(text).toContain('  ? perf        handed in no summary: its end of run did not run')
  })

  test('no part with findings reads all clear', () => {
    expect(toTerminal([section('perf', 'passed', { text: '' })], [], context, undefined)).toContain(
      'Steadfast (Vitest): all clear',
    )
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
