// The combined end-of-run report: every part's summary in one place, as a terminal block, a JSON
// file, Markdown (written and appended to $GITHUB_STEP_SUMMARY once) and a self-contained HTML
// page that links the parts' own reports (perf's plots among them).
import { writeFileSync } from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'
import {
  appendStepSummary,
  collectSections,
  projectRoot,
  type RunOutcome,
  type RunSection,
  runDirectory,
  type SectionStatus,
  shownPath,
  takeSections,
  WRITE_FIX,
  writeFailure,
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
  /** Projects known before the run to lack Steadfast's setup file (else the run's outcome says). */
  projectsWithout?: string[]
}

/** The combined report as written to `steadfast-report.json`. */
export interface CombinedReport {
  kind: 'steadfast-report'
  version: 1
  runner: Runner
  /**
   * The run as the overview tells it: `failed` when a part failed the run or the run failed on
   * its own, `warned` for findings in a run that passed, `passed` only when both are clean.
   */
  status: SectionStatus
  /** The worst status of any part, whatever the runner's own result: `failed` when one failed the run. */
  partsStatus: SectionStatus
  /** The overview's words, after `Steadfast (<runner>): `. */
  headline: string
  /** How the runner ended the run; null when not known (`steadfast merge`, or a runner that did not say). */
  run: RunOutcome | null
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
// What the parts found, never whether the run passed: that is the runner's to say (see headline()).
const VERDICT: Record<SectionStatus, string> = {
  passed: 'nothing found',
  warned: 'findings that failed nothing',
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
 * sections, later ones find none). `run` is how the runner ended the run, when the caller knows
 * it (else what was recorded with `recordRunOutcome`). Returns the failures a part deferred to it,
 * for the caller to throw after the report is out.
 */
export function finishCombinedReport(context: ReportContext, run?: RunOutcome): Error[] {
  const taken = takeSections()
  if (!taken) return []
  const outcome = run ?? taken.run
  const sections = notActiveIn(
    order(taken.sections, context.parts),
    outcome?.projectsWithout ?? context.projectsWithout ?? [],
    context.runner,
  )
  const missing = context.parts.filter((part) => !sections.some((s) => s.part === part))
  const report = toJson(sections, missing, context.runner, outcome)
  const files = {
    json: join(context.dir, REPORT_FILES.json),
    markdown: join(context.dir, REPORT_FILES.markdown),
    html: join(context.dir, REPORT_FILES.html),
  }
  const markdown = toMarkdown(sections, missing, context, outcome)
  let wrote: string | undefined
  try {
    writeJsonAtomic(files.json, report)
    writeFileSync(files.markdown, `${markdown}\n`)
    writeFileSync(files.html, toHtml(sections, missing, context, report.createdAt, outcome))
  } catch (error) {
    wrote = `could not write the report in ${context.dir} (${writeFailure(error)}), where the workers keep what they found too: a ✓ may miss it. ${WRITE_FIX}`
  }
  const shown = wrote ? sections.map(mayBeIncomplete) : sections
  console.log(toTerminal(shown, missing, context, wrote ? undefined : files, outcome))
  if (wrote) console.warn(`[steadfast] ${wrote}`)
  const summary = appendStepSummary(markdown)
  if (typeof summary === 'string') console.warn(`[steadfast] ${summary}`)
  return taken.failures
}

// The parts that work inside the test files, through the setup file: a project without it hides
// everything from them, and their "nothing found" would not be true.
const IN_TEST_FILES = new Set<string>(['rejections', 'warnings', 'perf'])

/**
 * Never a ✓ for what a part could not see: each part that works in the test files is warned, and
 * says which projects ran without it and what to change.
 */
function notActiveIn(sections: RunSection[], projects: string[], runner: Runner): RunSection[] {
  if (projects.length === 0) return sections
  const names = projects.map((name) => `"${name}"`).join(', ')
  const fix =
    runner === 'Jest'
      ? 'wrap the root config: module.exports = withSteadfast({ projects: [...] })'
      : 'give the project extends: true, or steadfast() in its plugins'
  const note = `not active in ${projects.length === 1 ? 'project' : 'projects'} ${names} (their setup files lack Steadfast's: ${fix})`
  return sections.map((section) =>
    IN_TEST_FILES.has(section.part) ? warned(section, `${note}; elsewhere ${section.headline}`) : section,
  )
}

/**
 * A section told when the run directory could not be written: the workers hand their findings in
 * through it, so "nothing found" cannot be vouched for. A failed part stays failed.
 */
function mayBeIncomplete(section: RunSection): RunSection {
  if (section.status === 'failed') return section
  return warned(section, `${section.headline} (may be incomplete: the run directory could not be written)`)
}

/** `section` with `headline`, and warned where it passed: a part that failed the run stays failed. */
function warned(section: RunSection, headline: string): RunSection {
  return { ...section, status: section.status === 'failed' ? 'failed' : 'warned', headline }
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

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`

/** The run's own failures, counted: `24 tests and 1 test file`; empty when it had none. */
function failedThings(run: RunOutcome): string {
  const things = [
    ...(run.failedTests > 0 ? [plural(run.failedTests, 'test')] : []),
    ...(run.failedFiles > 0 ? [plural(run.failedFiles, 'test file')] : []),
  ]
  return things.join(' and ')
}

/**
 * The overview's words: what the parts found, then how the run itself ended, so that a run whose
 * tests failed for their own reasons is never called passed, nor blamed on Steadfast.
 */
export function headline(sections: RunSection[], run: RunOutcome | undefined): string {
  const parts = worst(sections)
  if (!run) return VERDICT[parts]
  if (run.status === 'interrupted') return `${VERDICT[parts]}; the run was interrupted`
  const failed = failedThings(run)
  const unhandled =
    run.unhandledErrors > 0 ? `the runner reported ${plural(run.unhandledErrors, 'unhandled error')}` : ''
  if (parts === 'failed') {
    // Which of the failed tests a part failed is not known here: the count is the run's whole.
    if (failed) return `${VERDICT.failed}; ${failed} failed in all`
    if (unhandled) return `${VERDICT.failed}; ${unhandled}`
    if (run.tests === 0) return VERDICT.failed
    return `${VERDICT.failed}; ${run.tests === 1 ? 'the one test' : `all ${run.tests} tests`} passed`
  }
  if (run.status === 'passed') return `${parts === 'passed' ? 'all clear' : VERDICT.warned}; the run passed`
  const one = run.failedTests + run.failedFiles === 1
  const own = failed ? `${failed} failed on ${one ? 'its' : 'their'} own` : 'the run failed on its own'
  return `${VERDICT[parts]}; ${[own, unhandled].filter(Boolean).join(', and ')}`
}

/** The status of the run as the overview tells it: failed when the parts or the runner failed it. */
function overall(sections: RunSection[], run: RunOutcome | undefined): SectionStatus {
  const parts = worst(sections)
  return run && run.status !== 'passed' ? 'failed' : parts
}

/** The terminal block: each part's details, then the overview, last, where the eye lands. */
export function toTerminal(
  sections: RunSection[],
  missing: string[],
  context: ReportContext,
  files: Record<keyof typeof REPORT_FILES, string> | undefined,
  run?: RunOutcome,
): string {
  const details = sections.filter((s) => s.text).map((s) => s.text)
  const width = Math.max(...[...sections.map((s) => s.part), ...missing].map((p) => p.length), 0)
  const rows = [
    ...sections.map((s) => `  ${MARK[s.status]} ${s.part.padEnd(width)}  ${s.headline}`),
    ...missing.map((p) => `  ? ${p.padEnd(width)}  handed in no summary: its end of run did not run`),
  ]
  const title = `Steadfast (${label(context.runner)}): ${headline(sections, run)}`
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

export function toJson(
  sections: RunSection[],
  missing: string[],
  runner: Runner,
  run?: RunOutcome,
): CombinedReport {
  return {
    kind: 'steadfast-report',
    version: 1,
    runner,
    status: overall(sections, run),
    partsStatus: worst(sections),
    headline: headline(sections, run),
    run: run ?? null,
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
export function toMarkdown(
  sections: RunSection[],
  missing: string[],
  context: ReportContext,
  run?: RunOutcome,
): string {
  return [
    `## Steadfast (${label(context.runner)})`,
    '',
    `${MARK[overall(sections, run)]} ${headline(sections, run)}`,
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
  run?: RunOutcome,
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
      // The uncut text: a page has no terminal width to keep to.
      (s.text ? `<pre>${escapeHtml(s.fullText ?? s.text)}</pre>` : '') +
      '</section>',
  )
  const status = overall(sections, run)
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Steadfast report (${label(context.runner)})</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}
table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.35rem .7rem;text-align:left;vertical-align:top}
pre{background:#f6f6f4;padding:.8rem;overflow-x:auto;font-size:12.5px}h1 small{font-weight:normal;color:#666;font-size:.6em}
</style></head><body>
<h1>Steadfast <small>${label(context.runner)} · ${escapeHtml(createdAt)} · ${escapeHtml(dirname(context.dir))}</small></h1>
<p style="color:${COLOUR[status]}"><strong>${MARK[status]} ${escapeHtml(headline(sections, run))}</strong></p>
<table><thead><tr><th></th><th>part</th><th>summary</th><th>reports</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
${details.join('\n')}
</body></html>
`
}
