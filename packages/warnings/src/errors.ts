import { SteadfastError } from '@steadfast/core'
import { kindLabel, type WarningKind, whereFrom } from './kind.js'

/** One occurrence that met an `error` rule, as the failure names it. */
export interface RuledWarning {
  type: string
  code: string
  message: string
  /** `file:line:column` of its origin frame. */
  origin: string
}

/**
 * A warning met an `error` rule: fails the test that emitted it (or its file, when it came while no
 * test ran), naming the warning and where it came from.
 */
export class WarningRuleError extends SteadfastError {
  readonly warnings: RuledWarning[]

  constructor(warnings: RuledWarning[], scope: string) {
    const lines = warnings.map((w) => `  - ${kindLabel(w)}: ${w.message}\n      at ${w.origin}`)
    super(
      'STEADFAST_WARNING_ERROR_RULE',
      `${scope} emitted ${warnings.length === 1 ? 'a warning' : `${warnings.length} warnings`} that an error rule of @steadfast/warnings forbids:\n` +
        `${lines.join('\n')}\n` +
        'Fix the code that emits it, or move the rule from `error` to `ignore` if the warning is expected.',
    )
    this.name = 'WarningRuleError'
    this.warnings = warnings
  }
}

/** One budget line that was exceeded. */
export interface BudgetExcess {
  /** `maxTotal`, `maxPerKind` or `files["<glob>"]`. */
  budget: string
  limit: number
  actual: number
  /** The kind or files it is about, for maxPerKind and files. */
  what: string
}

/** The run emitted more warnings than a budget allows: fails the run, with the table of excesses. */
export class WarningBudgetError extends SteadfastError {
  readonly excesses: BudgetExcess[]

  constructor(excesses: BudgetExcess[]) {
    const rows = excesses.map(
      (e) =>
        `  ${e.budget.padEnd(24)} limit ${String(e.limit).padStart(7)}  actual ${String(e.actual).padStart(7)}  ${e.what}`,
    )
    super(
      'STEADFAST_WARNING_BUDGET',
      `The run exceeded ${excesses.length === 1 ? 'a warning budget' : `${excesses.length} warning budgets`} of @steadfast/warnings:\n${rows.join('\n')}\n` +
        'Fix the warnings at the top of the table above, or raise the budget in the `budget` option if the new level is intended.',
    )
    this.name = 'WarningBudgetError'
    this.excesses = excesses
  }
}

/** Kinds of warning the baseline does not know: fails the run when `onNewKind` is `fail`. */
export class NewWarningKindError extends SteadfastError {
  readonly kinds: WarningKind[]

  constructor(kinds: WarningKind[], baseline: string) {
    const rows = kinds.map(
      (k) => `  ${String(k.count).padStart(7)} × ${kindLabel(k)}: ${k.template}\n            ${whereFrom(k)}`,
    )
    super(
      'STEADFAST_WARNING_NEW_KIND',
      `${kinds.length === 1 ? 'A new kind' : `${kinds.length} new kinds`} of warning, not in the baseline ${baseline}:\n${rows.join('\n')}\n` +
        'Fix the code that emits it; or, if it is accepted, add it to the baseline with STEADFAST_UPDATE=1 (Vitest: -u) and commit the file.',
    )
    this.name = 'NewWarningKindError'
    this.kinds = kinds
  }
}

/** The baseline file exists but cannot be read: reported, never replaced without being asked. */
export class CorruptBaselineError extends SteadfastError {
  readonly file: string

  constructor(file: string, reason: string) {
    super(
      'STEADFAST_WARNING_BASELINE_CORRUPT',
      `The warnings baseline ${file} cannot be used: ${reason}. The ratchet was not checked. ` +
        'Fix: restore it from version control (git checkout -- <file>), or delete it and run once with ' +
        'STEADFAST_UPDATE=1 (Vitest: -u) to write it again from this run.',
    )
    this.name = 'CorruptBaselineError'
    this.file = file
  }
}
