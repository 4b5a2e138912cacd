// The combined end-of-run report: every part's summary in one place, as a terminal block, a JSON
// file, Markdown (written and appended to $GITHUB_STEP_SUMMARY once) and a self-contained HTML
// page that links the parts' own reports (perf's plots among them).
import { writeFileSync } from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'
import {
  appendStepSummary,
  collectSections,
  projectRoot,
  type RunSection,
  runDirectory,
  type SectionStatus,
  shownPath,
  takeSections,
  writeJsonAtomic,
} from '@steadfast/core'
import { PARTS, type PartKey } from './_parts.js'

/** Who ran: a runner, or `merge` for `steadfast merge` of several runs' directories. */
export type Runner = 'Vitest' | 'Jest' | 'merge'

/** What the report needs to know besides the sections: who ran, where, and which parts were on. */
export interface ReportContext {
  runner: Runner
  /** The run directory (`.steadfast` under the root, or `STEADFAST_DIR`): where the report goes. */
  dir: string
  /** The parts that were on: one that handed in nothing is named as missing. */
  parts: PartKey[]
}

/** The combined report as written to `steadfast-report.json`. */
export interface CombinedReport {
  kind: 'steadfast-report'
  version: 1
  runner: Runner
  /** The worst status of any part: `failed` when one failed the run. */
  status: SectionStatus
  createdAt: string
  parts: Record<
    string,
    Pick<RunSection, 'status' | 'headline' | 'counts'> & {
      /** Its reports, relative to the run directory. */
      files: Record<string, string>
    }
  >
  /** Enabled parts whose end of run did not hand anything in (a crash of the runner, most likely). */
  missing: string[]
}

export const REPORT_FILES = {
  json: 'steadfast-report.json',
  markdown: 'steadfast-report.md',
  html: 'steadfast-report.html',
} as const

const MARK: Record<SectionStatus, string> = { passed: '✓', warned: '!', failed: '✗' }
const RANK: Record<SectionStatus, number> = { passed: 0, warned: 1, failed: 2 }
const VERDICT: Record<SectionStatus, string> = {
  passed: 'all clear',
  warned: 'passed, with findings',
  failed: 'a part failed the run',
}

/** Which parts are on, for the global setup Vitest loads on its own (comma-separated keys). */
export const PARTS_ENV = 'STEADFAST_PARTS'

/** The context as the plugin left it in this (the main) process's environment. */
export function reportContextFromEnv(runner: Runner): ReportContext {
  const keys = (process.env[PARTS_ENV] ?? Object.keys(PARTS).join(',')).split(',')
  return {
    runner,
    dir: runDirectory(projectRoot()),
    parts: keys.filter((key): key is PartKey => key in PARTS),
  }
}

let atExit: ReportContext | undefined

/** Starts a combined report for this process's run, with a last chance to print it at exit. */
export function startCombinedReport(context: ReportContext): void {
  collectSections()
  // A part's end of run that throws stops the ones after it (Vitest's global teardowns): whatever
  // was handed in is still printed, at exit, rather than lost.
  if (!atExit) process.once('exit', () => finishCombinedReport(atExit as ReportContext))
  atExit = context
}

/**
 * Prints the combined report and writes its files, once per run (the first call takes the
 * sections, later ones find none). Returns the failures a part deferred to it, for the caller to
 * throw after the report is out.
 */
export function finishCombinedReport(context: ReportContext): Error[] {
  const taken = takeSections()
  if (!taken) return []
  const sections = order(taken.sections, context.parts)
  const missing = context.parts.filter((part) => !sections.some((s) => s.part === part))
  const report = toJson(sections, missing, context.runner)
  const files = {
    json: join(context.dir, REPORT_FILES.json),
    markdown: join(context.dir, REPORT_FILES.markdown),
    html: join(context.dir, REPORT_FILES.html),
  }
  const markdown = toMarkdown(sections, missing, context)
  let wrote: string | undefined
  try {
    writeJsonAtomic(files.json, report)
    writeFileSync(files.markdown, `${markdown}\n`)
    writeFileSync(files.html, toHtml(sections, missing, context, report.createdAt))
  } catch (error) {
    wrote = `could not write the report in ${context.dir}: ${(error as Error).message}`
  }
  console.log(toTerminal(sections, missing, context, wrote ? undefined : files))
  if (wrote) console.warn(`[steadfast] ${wrote}`)
  const summary = appendStepSummary(markdown)
  if (typeof summary === 'string') console.warn(`[steadfast] ${summary}`)
  return taken.failures
}

/** The parts in the order of the options, so every run reads the same way. */
function order(sections: RunSection[], parts: PartKey[]): RunSection[] {
  const at = (s: RunSection): number => {
    const i = parts.indexOf(s.part as PartKey)
    return i === -1 ? parts.length : i
  }
  return [...sections].sort((a, b) => at(a) - at(b))
}

const label = (runner: Runner): string => (runner === 'merge' ? 'merged runs' : runner)

function worst(sections: RunSection[]): SectionStatus {
  return sections.reduce<SectionStatus>((w, s) => (RANK[s.status] > RANK[w] ? s.status : w), 'passed')
}

/** The terminal block: each part's details, then the overview, last, where the eye lands. */
export function toTerminal(
  sections: RunSection[],
  missing: string[],
  context: ReportContext,
  files: Record<keyof typeof REPORT_FILES, string> | undefined,
): string {
  const details = sections.filter((s) => s.text).map((s) => s.text)
  const width = Math.max(...[...sections.map((s) => s.part), ...missing].map((p) => p.length), 0)
  const rows = [
    ...sections.map((s) => `  ${MARK[s.status]} ${s.part.padEnd(width)}  ${s.headline}`),
    ...missing.map((p) => `  ? ${p.padEnd(width)}  handed in no summary: its end of run did not run`),
  ]
  const status = worst(sections)
  const title = `Steadfast (${label(context.runner)}): ${VERDICT[status]}`
  const plots = sections.find((s) => s.part === 'perf')?.files.html
  const where = files
    ? [
        `  report: ${shownPath(files.html)} (also ${basename(files.json)}, ${basename(files.markdown)})` +
          (plots ? `; perf plots: ${shownPath(plots)}` : ''),
      ]
    : []
  const rule = '─'.repeat(Math.min(78, Math.max(title.length, ...rows.map((r) => r.length))))
  return ['', ...details.flatMap((d) => [d, '']), rule, title, ...rows, ...where, rule, ''].join('\n')
}

export function toJson(sections: RunSection[], missing: string[], runner: Runner): CombinedReport {
  return {
    kind: 'steadfast-report',
    version: 1,
    runner,
    status: worst(sections),
    createdAt: new Date().toISOString(),
    parts: Object.fromEntries(
      sections.map((s) => [
        s.part,
        { status: s.status, headline: s.headline, counts: s.counts, files: s.files },
      ]),
    ),
    missing,
  }
}

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ')

/** One Markdown section for `$GITHUB_STEP_SUMMARY`: the overview table, then each part's own. */
export function toMarkdown(sections: RunSection[], missing: string[], context: ReportContext): string {
  return [
    `## Steadfast (${label(context.runner)})`,
    '',
    '| | part | summary |',
    '| --- | --- | --- |',
    ...sections.map((s) => `| ${MARK[s.status]} | ${s.part} | ${cell(s.headline)} |`),
    ...missing.map((p) => `| ? | ${p} | handed in no summary: its end of run did not run |`),
    ...sections.filter((s) => s.markdown).flatMap((s) => ['', s.markdown]),
  ].join('\n')
}

const escapeHtml = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

const COLOUR: Record<SectionStatus, string> = { passed: '#1e7f3c', warned: '#a86400', failed: '#b3261e' }

/**
 * One self-contained page (inline CSS, no script, no network): the overview, then each part's
 * summary as the terminal shows it, with links to its reports (relative, so the run directory can
 * be uploaded as one CI artifact and still work).
 */
export function toHtml(
  sections: RunSection[],
  missing: string[],
  context: ReportContext,
  createdAt: string,
): string {
  const link = (label: string, file: string): string => {
    const href = relative(context.dir, file).split('\\').join('/')
    return `<a href="${escapeHtml(href)}">${escapeHtml(label === 'html' ? `${basename(file)} (plots)` : basename(file))}</a>`
  }
  const rows = [
    ...sections.map(
      (s) =>
        `<tr><td style="color:${COLOUR[s.status]}">${MARK[s.status]} ${s.status}</td><td><a href="#${s.part}">${s.part}</a></td><td>${escapeHtml(s.headline)}</td><td>${Object.entries(
          s.files,
        )
          .map(([label, file]) => link(label, file))
          .join(' · ')}</td></tr>`,
    ),
    ...missing.map(
      (p) =>
        `<tr><td>? missing</td><td>${p}</td><td>handed in no summary: its end of run did not run</td><td></td></tr>`,
    ),
  ]
  const details = sections.map(
    (s) =>
      `<section id="${s.part}"><h2>${s.part}</h2><p>${escapeHtml(s.headline)}</p>` +
      (s.text ? `<pre>${escapeHtml(s.text)}</pre>` : '') +
      '</section>',
  )
  const status = worst(sections)
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Steadfast report (${label(context.runner)})</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}
table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.35rem .7rem;text-align:left;vertical-align:top}
pre{background:#f6f6f4;padding:.8rem;overflow-x:auto;font-size:12.5px}h1 small{font-weight:normal;color:#666;font-size:.6em}
</style></head><body>
<h1>Steadfast <small>${label(context.runner)} · ${escapeHtml(createdAt)} · ${escapeHtml(dirname(context.dir))}</small></h1>
<p style="color:${COLOUR[status]}"><strong>${MARK[status]} ${VERDICT[status]}</strong></p>
<table><thead><tr><th></th><th>part</th><th>summary</th><th>reports</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
${details.join('\n')}
</body></html>
`
}
