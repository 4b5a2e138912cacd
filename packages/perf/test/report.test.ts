import { describe, expect, test } from 'vitest'
import { toBencher } from '../src/bencher.js'
import { formatGate } from '../src/format.js'
import { renderHtml } from '../src/html.js'
import type { GateRecord } from '../src/record.js'
import { formatTable, markdownTable } from '../src/report.js'

const gate = (over: Partial<GateRecord>): GateRecord => ({
  name: 'parse',
  file: 'parse.test.ts',
  test: 'parse is fast',
  matcher: 'toBeFasterThan',
  kind: 'relative',
  not: false,
  mode: 'pr',
  limit: 1.5,
  margin: 0.05,
  threshold: 1.575,
  estimate: 1.1,
  interval: [1.07, 1.13],
  confidence: 0.99,
  rounds: 30,
  outcome: 'SATISFIED',
  failed: false,
  machineFactor: null,
  factorSource: null,
  rawMs: null,
  headroom: (1.575 - 1.13) / 1.575,
  samples: [1.05, 1.1, 1.12],
  durationMs: 900,
  ...over,
})

describe('reports', () => {
  test('a pass shows its headroom and every fact a reader needs', () => {
    expect(formatGate(gate({}))).toBe(
      [
        'toBeFasterThan "parse" passed with 28.3 % headroom.',
        '  estimate  1.100×  interval [1.070×, 1.130×]  (median of 30 per-round ratios, 99.0 % one-sided bounds)',
        '  limit     1.500×  margin 5 %  threshold 1.500× × (1 + 5 %) = 1.575×  headroom 28.3 %',
        '  mode      PR (default)  rounds 30  machine factor n/a (relative gate: both functions run in the same rounds)',
      ].join('\n'),
    )
  })

  test('the table lists the worst headroom first; Markdown escapes pipes', () => {
    const gates = [gate({}), gate({ name: 'a | b', outcome: 'VIOLATED', failed: true, headroom: -0.2 })]
    expect(formatTable(gates).split('\n')[2]).toMatch(/^ {2}FAIL +a \| b /)
    expect(markdownTable(gates)).toContain('| FAIL | a \\| b |')
  })

  test('Bencher Metric Format: ratio for comparisons, latency in ns for budgets, unique names', () => {
    const bmf = toBencher([
      gate({}),
      gate({}),
      gate({ name: 'budget', kind: 'absolute', estimate: 2, interval: [1.9, Number.POSITIVE_INFINITY] }),
    ])
    expect(bmf).toEqual({
      'parse.test.ts > parse': { ratio: { value: 1.1, lower_value: 1.07, upper_value: 1.13 } },
      'parse.test.ts > parse #2': { ratio: { value: 1.1, lower_value: 1.07, upper_value: 1.13 } },
      'parse.test.ts > budget': { latency: { value: 2e6, lower_value: 1.9e6 } },
    })
  })

  test('the HTML report is self-contained: inline SVG, no script, names escaped', () => {
    const html = renderHtml([gate({ name: '<b>x</b>' })])
    expect(html).not.toMatch(/<script|<link|src=/)
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;')
    expect(html.match(/<svg /g)).toHaveLength(2)
  })
})
