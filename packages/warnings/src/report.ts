import { kindLabel, placeCount, placesOf, type WarningKind } from './kind.js'
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

/** The width the terminal table is cut to when the output is not a terminal and COLUMNS is unset. */
export const DEFAULT_WIDTH = 120

/** The terminal's width: stdout's columns, else `$COLUMNS`, else DEFAULT_WIDTH. */
export function terminalWidth(
  stdout: { columns?: number } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const columns = Number(env.COLUMNS)
  return stdout.columns || (Number.isInteger(columns) && columns > 0 ? columns : DEFAULT_WIDTH)
}

/** `text` on one line (its line breaks made spaces), cut to `width` characters with `…`. */
export function fitLine(text: string, width: number): string {
  const line = text.includes('\n') ? text.replace(/\s*\n\s*/g, ' ') : text
  if (line.length <= width) return line
  const chars = Array.from(line)
  return chars.length <= width ? line : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`
}

/**
 * The end-of-run table: one block per kind, most first (count, kind, template; where it came
 * from; top files and tests), the first `top` kinds, then the total line. Every line is cut to
 * `width` (the terminal's, by default; `Infinity` for the whole text): a kind's template is one
 * line however long its message, and the JSON artifact has it whole.
 */
export function formatTable(store: WarningStore, top: number, width: number = terminalWidth()): string {
  const kinds = rankKinds(store)
  if (kinds.length === 0) return totalLine(store)
  const digits = Math.max(5, String(kinds[0]?.count ?? 0).length)
  const pad = ' '.repeat(digits + 4)
  const lines = [
    '@steadfast/warnings: warnings by kind, most first',
    `  ${'count'.padStart(digits)}  kind: template`,
  ]
  for (const kind of kinds.slice(0, top)) {
    // The mark goes first, where no cut can hide it.
    const error = kind.error ? '[error rule] ' : ''
    lines.push(`  ${String(kind.count).padStart(digits)}  ${error}${kindLabel(kind)}: ${kind.template}`)
    lines.push(placeCount(kind) > 1 ? `${pad}from ${placesOf(kind)}` : `${pad}first at ${kind.origin}`)
    lines.push(`${pad}files: ${topOf(kind.files, 3)}`)
    const tests = topOf(kind.tests, 3)
    if (tests) lines.push(`${pad}tests: ${tests}`)
  }
  if (kinds.length > top)
    lines.push(`  … and ${kinds.length - top} more kinds (all of them are in the JSON artifact)`)
  lines.push(totalLine(store))
  return lines.map((line) => fitLine(line, width)).join('\n')
}

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ')

/** A kind's origin for one cell: its first origin, or how many places and the leading ones. */
const originCell = (kind: WarningKind): string => (placeCount(kind) > 1 ? placesOf(kind) : kind.origin)

/** The Markdown for `$GITHUB_STEP_SUMMARY`: the total and the ranked table. */
export function markdownSummary(store: WarningStore, top: number, notes: string[] = []): string {
  const kinds = rankKinds(store)
  const lines = ['### @steadfast/warnings', '', totalLine(store).replace('@steadfast/warnings: ', ''), '']
  if (kinds.length > 0) {
    lines.push('| count | kind | template | top files | origin |', '| ---: | --- | --- | --- | --- |')
    for (const k of kinds.slice(0, top)) {
      lines.push(
        `| ${k.count} | ${cell(kindLabel(k))} | ${cell(k.template)} | ${cell(topOf(k.files, 3))} | ${cell(originCell(k))} |`,
      )
    }
    if (kinds.length > top) lines.push('', `… and ${kinds.length - top} more kinds.`)
  }
  for (const note of notes) lines.push('', note)
  return lines.join('\n')
}
