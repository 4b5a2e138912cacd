import { resolve } from 'node:path'
import { type CorruptArtifact, publishSection } from '@steadfast/core'
import { MERGED_NAME, writeArtifact } from './artifact.js'
import { compareBaseline, readBaseline, writeBaseline } from './baseline.js'
import { checkBudgets } from './budget.js'
import { CorruptBaselineError, NewWarningKindError, WarningBudgetError } from './errors.js'
import { kindLabel } from './kind.js'
import type { ResolvedWarningsOptions } from './options.js'
import { formatTable, markdownSummary, plural, rankKinds, totalLine } from './report.js'
import type { WarningStore } from './store.js'

export interface EndOfRunContext {
  options: ResolvedWarningsOptions
  root: string
  /** Where the merged artifact goes. */
  dir: string
  /** Rewrite the baseline from this run (STEADFAST_UPDATE=1, Vitest's -u). */
  update: boolean
  /**
   * One shard of several: kinds missing from this shard may live in another, so "disappeared"
   * is only reported when the shards are merged.
   */
  shard: boolean
  /** Where warnings and failures go: the runner's console.error, or stderr for the CLI. */
  warn: (line: string) => void
}

/** Whether STEADFAST_UPDATE asks for the baseline to be rewritten. */
export function updateRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.STEADFAST_UPDATE
  return value !== undefined && value !== '' && value !== '0' && value !== 'false'
}

/**
 * What happens once the tests are over, for either runner and the merge CLI: the artifact, the
 * table and total, the budgets, the ratchet, the job summary. Returns the failures of the run
 * (a budget exceeded, a new kind, a corrupt baseline), each already printed.
 */
export function endOfRun(store: WarningStore, corrupt: CorruptArtifact[], ctx: EndOfRunContext): Error[] {
  const { options, warn } = ctx
  for (const bad of corrupt)
    warn(`[steadfast/warnings] skipped a corrupt artifact ${bad.file}: ${bad.reason}`)
  const json = resolve(ctx.dir, MERGED_NAME)
  writeArtifact(json, store.snapshot())
  // The table and the ratchet's notes go out together at the end, as one section: cut to the
  // terminal's width for the terminal, whole for the HTML report.
  const lines = [formatTable(store, options.top)]
  const fullLines = [formatTable(store, options.top, Number.POSITIVE_INFINITY)]
  const log = (line: string): void => {
    lines.push(line)
    fullLines.push(line)
  }

  const failures: Error[] = []
  const notes: string[] = []
  const excesses = checkBudgets(store, options.budget)
  if (excesses.length > 0) failures.push(new WarningBudgetError(excesses))

  if (options.baseline !== false) {
    const file = resolve(ctx.root, options.baseline)
    if (ctx.update) {
      const written = writeBaseline(file, store)
      const line = `@steadfast/warnings: wrote the baseline ${file} with ${written.kinds.length} kinds (STEADFAST_UPDATE): commit it`
      log(line)
      notes.push(line.replace('@steadfast/warnings: ', ''))
    } else {
      const read = readBaseline(file)
      if (read.status === 'corrupt') failures.push(new CorruptBaselineError(file, read.reason))
      else if (read.status === 'missing') {
        log(
          `@steadfast/warnings: no baseline at ${file}; the ratchet is off. Write one with STEADFAST_UPDATE=1 (Vitest: -u) and commit it.`,
        )
      } else {
        if (read.migrated) {
          const { entries } = read.migrated
          const line = `@steadfast/warnings: the baseline ${file} lists kinds per place (version 1): read its ${plural(entries, 'entry', 'entries')} as ${plural(read.entries.length, 'kind')}. Rewrite it with STEADFAST_UPDATE=1 (Vitest: -u) and commit it.`
          log(line)
          notes.push(line.replace('@steadfast/warnings: ', ''))
        }
        const { added, gone } = compareBaseline(store, read.entries)
        if (added.length > 0) {
          const error = new NewWarningKindError(added, file)
          if (options.onNewKind === 'fail') failures.push(error)
          else
            warn(
              `[steadfast/warnings] ${error.message.replace('\nFix', ' (onNewKind: warn, so the run does not fail)\nFix')}`,
            )
        }
        if (gone.length > 0 && !ctx.shard) {
          const rows = gone.map((e) => `  ${kindLabel(e)}: ${e.template}`)
          const line = `@steadfast/warnings: ${gone.length === 1 ? '1 kind' : `${gone.length} kinds`} in the baseline did not occur in this run; shrink the baseline with STEADFAST_UPDATE=1 (Vitest: -u) and commit it:\n${rows.join('\n')}`
          log(line)
          notes.push(line.replace('@steadfast/warnings: ', ''))
        }
        if (added.length === 0 && gone.length === 0)
          log(`@steadfast/warnings: every kind is in the baseline ${file}`)
      }
    }
  }
  const total = totalLine(store).replace('@steadfast/warnings: ', '')
  const section = {
    part: 'warnings',
    status: failures.length > 0 ? 'failed' : store.total > 0 ? 'warned' : 'passed',
    headline: failures.length > 0 ? `${total}; ${failures.map((f) => f.name).join(', ')}` : total,
    text: lines.join('\n'),
    fullText: fullLines.join('\n'),
    markdown: markdownSummary(store, options.top, [
      ...notes,
      ...failures.map((f) => `**${f.name}**: ${f.message}`),
    ]),
    files: { json },
    counts: { warnings: store.total, kinds: rankKinds(store).length, ignored: store.ignored },
  } as const
  const wrote = publishSection(section)
  for (const failure of failures) warn(`\n${failure.name}: ${failure.message}`)
  if (wrote) warn(`[steadfast/warnings] ${wrote}`)
  return failures
}
