// The HTML report: one self-contained file (inline CSS and SVG, no script, no network), with a
// summary chart of every gate against its threshold and, per gate, the distribution of its round
// values against the limit.
import { formatGate, formatValue } from './format.js'
import type { GateRecord } from './record.js'

const escapeHtml = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

const W = 640
const PAD = 40

/** x position of `value` on a scale from `lo` to `hi`. */
const scale =
  (lo: number, hi: number) =>
  (value: number): number =>
    PAD + ((Math.min(hi, Math.max(lo, value)) - lo) / (hi - lo || 1)) * (W - 2 * PAD)

/** Per gate: a histogram of the round values, the interval, the limit and the threshold. */
export function gatePlot(g: GateRecord): string {
  const finite = g.samples.filter(Number.isFinite)
  const lower = Number.isFinite(g.interval[0]) ? g.interval[0] : Math.min(...finite)
  const upper = Number.isFinite(g.interval[1]) ? g.interval[1] : Math.max(...finite)
  const all = [...finite, g.limit, g.threshold, lower, upper]
  let lo = Math.min(...all)
  let hi = Math.max(...all)
  const span = hi - lo || Math.abs(hi) || 1
  lo -= span * 0.08
  hi += span * 0.08
  const x = scale(lo, hi)
  const bins = 40
  const counts = new Array<number>(bins).fill(0)
  for (const s of finite) {
    const bin = Math.min(bins - 1, Math.floor(((s - lo) / (hi - lo)) * bins))
    counts[bin] = (counts[bin] ?? 0) + 1
  }
  const top = Math.max(1, ...counts)
  const H = 150
  const base = H - 30
  const bw = (W - 2 * PAD) / bins
  const bars = counts
    .map((c, i) =>
      c === 0
        ? ''
        : `<rect x="${(PAD + i * bw).toFixed(1)}" y="${(base - (c / top) * 90).toFixed(1)}" width="${(bw - 1).toFixed(1)}" height="${((c / top) * 90).toFixed(1)}" fill="#6b8fc7"/>`,
    )
    .join('')
  const vline = (value: number, color: string, dash: string, label: string, y: number): string =>
    `<line x1="${x(value).toFixed(1)}" x2="${x(value).toFixed(1)}" y1="20" y2="${base}" stroke="${color}" stroke-width="2" ${dash}/>` +
    `<text x="${x(value).toFixed(1)}" y="${y}" font-size="11" text-anchor="middle" fill="${color}">${escapeHtml(label)}</text>`
  const v = (n: number): string => formatValue(n, g.kind)
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="round values of ${escapeHtml(g.name)}">` +
    `<rect x="${x(lower).toFixed(1)}" y="20" width="${Math.max(1, x(upper) - x(lower)).toFixed(1)}" height="${base - 20}" fill="#f3d27a" opacity="0.5"/>` +
    bars +
    `<line x1="${PAD}" x2="${W - PAD}" y1="${base}" y2="${base}" stroke="#333"/>` +
    vline(g.limit, '#333', '', `limit ${v(g.limit)}`, 12) +
    vline(g.threshold, '#c0392b', 'stroke-dasharray="5 3"', `threshold ${v(g.threshold)}`, H - 4) +
    `<circle cx="${x(g.estimate).toFixed(1)}" cy="${base}" r="5" fill="#222"/>` +
    `<text x="${PAD}" y="${base + 14}" font-size="10" fill="#555">${escapeHtml(v(lo))}</text>` +
    `<text x="${W - PAD}" y="${base + 14}" font-size="10" text-anchor="end" fill="#555">${escapeHtml(v(hi))}</text>` +
    `</svg>`
  )
}

/** Every gate as estimate / threshold (1 = at the threshold), with its interval. */
export function summaryPlot(gates: GateRecord[]): string {
  const rel = (g: GateRecord, value: number): number =>
    Number.isFinite(value) ? value / g.threshold : value > 0 ? 3 : 0
  const values = gates.flatMap((g) => [rel(g, g.interval[0]), rel(g, g.interval[1]), rel(g, g.estimate)])
  const lo = Math.min(0, ...values)
  const hi = Math.max(1.2, ...values.filter((n) => n < 10))
  const x = scale(lo, hi)
  const rowH = 22
  const H = 30 + gates.length * rowH
  const label = 230
  const xs = (n: number): number => label + ((x(n) - PAD) / (W - 2 * PAD)) * (W - label - PAD)
  const rows = gates
    .map((g, i) => {
      const y = 20 + i * rowH
      const color = g.failed ? '#c0392b' : g.outcome === 'SATISFIED' ? '#2e8b57' : '#d68910'
      const [a, b] = [rel(g, g.interval[0]), rel(g, g.interval[1])]
      return (
        `<text x="${label - 8}" y="${y + 4}" font-size="11" text-anchor="end">${escapeHtml(g.name.slice(0, 36))}</text>` +
        `<line x1="${xs(a).toFixed(1)}" x2="${xs(b).toFixed(1)}" y1="${y}" y2="${y}" stroke="${color}" stroke-width="6" opacity="0.6"/>` +
        `<circle cx="${xs(rel(g, g.estimate)).toFixed(1)}" cy="${y}" r="4" fill="${color}"/>`
      )
    })
    .join('')
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="every gate against its threshold">` +
    rows +
    `<line x1="${xs(1).toFixed(1)}" x2="${xs(1).toFixed(1)}" y1="5" y2="${H - 15}" stroke="#c0392b" stroke-dasharray="5 3"/>` +
    `<text x="${xs(1).toFixed(1)}" y="${H - 3}" font-size="10" text-anchor="middle" fill="#c0392b">threshold</text>` +
    `</svg>`
  )
}

/** The whole report as one HTML document. */
export function renderHtml(gates: GateRecord[], title = '@steadfast/perf report'): string {
  const failed = gates.filter((g) => g.failed).length
  const sections = gates
    .map(
      (g) => `<section class="${g.failed ? 'fail' : 'ok'}">
<h2>${escapeHtml(g.name)} <small>${escapeHtml(g.outcome)}</small></h2>
<p class="where">${escapeHtml(g.file)} &gt; ${escapeHtml(g.test)}</p>
${gatePlot(g)}
<pre>${escapeHtml(formatGate(g))}</pre>
</section>`,
    )
    .join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:760px}
section{border-left:4px solid #2e8b57;padding:0 1em;margin:1.5em 0}
section.fail{border-color:#c0392b}
h2{font-size:1.05em;margin:.2em 0} h2 small{color:#666;font-weight:normal}
.where{color:#666;margin:0} pre{white-space:pre-wrap;font-size:12px;background:#f7f7f7;padding:.5em}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>${gates.length} ${gates.length === 1 ? 'gate' : 'gates'}, ${failed} failed. Each bar: the gate's interval divided by its threshold (left of the dashed line passes a "faster than" gate); the dot is the estimate.</p>
${summaryPlot(gates)}
${sections}
</body></html>
`
}
