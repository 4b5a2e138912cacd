import { picomatch } from './_glob.js'
import type { BudgetExcess } from './errors.js'
import { kindLabel, whereFrom } from './kind.js'
import type { ResolvedWarningsOptions } from './options.js'
import { rankKinds } from './report.js'
import type { WarningStore } from './store.js'

/** Every budget the counts exceed, worst kinds first; empty when all hold. */
export function checkBudgets(store: WarningStore, budget: ResolvedWarningsOptions['budget']): BudgetExcess[] {
  const excesses: BudgetExcess[] = []
  if (budget.maxTotal !== undefined && store.total > budget.maxTotal)
    excesses.push({
      budget: 'maxTotal',
      limit: budget.maxTotal,
      actual: store.total,
      what: 'all warnings of the run',
    })
  if (budget.maxPerKind !== undefined) {
    for (const kind of rankKinds(store)) {
      if (kind.count <= budget.maxPerKind) break
      excesses.push({
        budget: 'maxPerKind',
        limit: budget.maxPerKind,
        actual: kind.count,
        what: `${kindLabel(kind)}: ${kind.template} (${whereFrom(kind)})`,
      })
    }
  }
  for (const [glob, limit] of Object.entries(budget.files ?? {})) {
    const matches = picomatch(glob, { dot: true })
    let actual = 0
    const hits: string[] = []
    for (const [file, n] of store.files) {
      if (!matches(file)) continue
      actual += n
      hits.push(file)
    }
    if (actual > limit)
      excesses.push({ budget: `files["${glob}"]`, limit, actual, what: hits.sort().join(', ') })
  }
  return excesses
}
