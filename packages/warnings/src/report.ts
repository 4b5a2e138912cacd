import { kindLabel, type WarningKind } from './kind.js'
import type { WarningStore } from './store.js'

/**
 * Orders strings by code point: the same order on every machine and locale, so a baseline written
 * on one is byte-identical when written on another.
 */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The kinds of a store, most first (ties: by label and template, so the order is stable). */
export function rankKinds(store: WarningStore): WarningKind[] {
  return [...store.kinds.values()]
    .filter((k) => k.count > 0)
    .sort(
      (a, b) =>
        b.count - a.count ||
        byCodePoint(kindLabel(a), kindLabel(b)) ||
        byCodePoint(a.template, b.template) ||
        byCodePoint(a.origin, b.origin),
    )
}

/** The `n` entries of a tally with the highest counts, as `name (count)`. */
export function topOf(counts: Record<string, number>, n: number): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([name, count]) => `${name} (${count})`)
    .join(', ')
}

/** `1 kind`, `2 kinds`. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`

/** The total line: how many warnings, of how many kinds, from how many files; how many ignored. */
export function totalLine(store: WarningStore): string {
  const kinds = rankKinds(store).length
  const files = [...store.files.values()].filter((n) => n > 0).length
  return `@steadfast/warnings: ${plural(store.total, 'warning')} of ${plural(kinds, 'kind')} from ${plural(files, 'file')}; ${store.ignored} ignored by rules`
}

/**
 * The end-of-run table: one block per kind, most first (count, kind, template, first origin, top
 * files and tests), the first `top` kinds, then the total line.
 */
export function formatTable(store: WarningStore, top: number): string {
  const kinds = rankKinds(store)
  if (kinds.length === 0) return totalLine(store)
  const width = Math.max(5, String(kinds[0]?.count ?? 0).length)
  const pad = ' '.repeat(width + 4)
  const lines = [
    '@steadfast/warnings: warnings by kind, most first',
    `  ${'count'.padStart(width)}  kind: template`,
  ]
  for (const kind of kinds.slice(0, top)) {
    const error = kind.error ? '  [error rule]' : ''
    lines.push(`  ${String(kind.count).padStart(width)}  ${kindLabel(kind)}: ${kind.template}${error}`)
    lines.push(`${pad}first at ${kind.origin}`)
    lines.push(`${pad}files: ${topOf(kind.files, 3)}`)
    const tests = topOf(kind.tests, 3)
    if (tests) lines.push(`${pad}tests: ${tests}`)
  }
  if (kinds.length > top)
    lines.push(`  … and ${kinds.length - top} more kinds (all of them are in the JSON artifact)`)
  lines.push(totalLine(store))
  return lines.join('\n')
}

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ')

/** The Markdown for `$GITHUB_STEP_SUMMARY`: the total and the ranked table. */
export function markdownSummary(store: WarningStore, top: number, notes: string[] = []): string {
  const kinds = rankKinds(store)
  const lines = ['### @steadfast/warnings', '', totalLine(store).replace('@steadfast/warnings: ', ''), '']
  if (kinds.length > 0) {
    lines.push('| count | kind | template | top files | first origin |', '| ---: | --- | --- | --- | --- |')
    for (const k of kinds.slice(0, top)) {
      lines.push(
        `| ${k.count} | ${cell(kindLabel(k))} | ${cell(k.template)} | ${cell(topOf(k.files, 3))} | ${cell(k.origin)} |`,
      )
    }
    if (kinds.length > top) lines.push('', `… and ${kinds.length - top} more kinds.`)
  }
  for (const note of notes) lines.push('', note)
  return lines.join('\n')
}
