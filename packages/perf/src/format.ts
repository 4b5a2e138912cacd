// Every message shows the same facts (estimate, interval, limit, margin, mode, rounds, machine
// factor), so a reader can judge a verdict without re-running it.
import type { GateRecord } from './record.js'

const pct = (x: number, digits = 0): string => `${(x * 100).toFixed(digits)} %`

/** A value in the gate's unit: `1.234×` for ratios, `1.23 ms` for budgets. */
export function formatValue(value: number, kind: GateRecord['kind']): string {
  if (!Number.isFinite(value)) return value > 0 ? '+∞' : '−∞'
  if (kind === 'relative') return `${value.toFixed(3)}×`
  if (value >= 100) return `${value.toFixed(0)} ms`
  if (value >= 1) return `${value.toFixed(2)} ms`
  if (value >= 0.001) return `${(value * 1000).toFixed(2)} µs`
  return `${(value * 1e6).toFixed(1)} ns`
}

const interval = (r: { interval: [number, number] }, kind: GateRecord['kind']): string =>
  `[${formatValue(r.interval[0], kind)}, ${formatValue(r.interval[1], kind)}]`

/** The facts block every message carries. */
export function formatFacts(r: GateRecord): string {
  const v = (x: number): string => formatValue(x, r.kind)
  const sign = r.not ? '/' : '×'
  const factor =
    r.machineFactor === null
      ? 'n/a (relative gate: both functions run in the same rounds)'
      : `${r.machineFactor.toFixed(3)} (${r.factorSource === 'calibrated' ? 'calibration workload interleaved with the function' : 'from STEADFAST_PERF_FACTOR'})`
  const lines = [
    `  estimate  ${v(r.estimate)}  interval ${interval(r, r.kind)}  (median of ${r.rounds} per-round ${r.kind === 'relative' ? 'ratios' : 'times'}, ${pct(r.confidence, 1)} one-sided bounds)`,
    `  limit     ${v(r.limit)}${r.not ? ' (.not: must not be beaten)' : ''}  margin ${pct(r.margin)}  threshold ${v(r.limit)} ${sign} (1 + ${pct(r.margin)}) = ${v(r.threshold)}  headroom ${pct(r.headroom, 1)}`,
    `  mode      ${r.mode === 'strict' ? 'strict (STRICT_PERF=1)' : 'PR (default)'}  rounds ${r.rounds}  machine factor ${factor}`,
  ]
  if (r.rawMs !== null)
    lines.push(
      `  time      ${formatValue(r.rawMs, 'absolute')} a call measured here, ${v(r.estimate)} normalised to the reference machine`,
    )
  if (r.first) {
    lines.push(
      r.outcome === 'VIOLATED'
        ? `  re-measured: still violated (first measurement ${v(r.first.estimate)} ${interval(r.first, r.kind)})`
        : `  re-measured: not confirmed (first measurement ${v(r.first.estimate)} ${interval(r.first, r.kind)} was a violation; this one is not)`,
    )
  }
  return lines.join('\n')
}

/** The headline and the fix for a gate's outcome. */
export function formatGate(r: GateRecord): string {
  const subject = `${r.matcher}${r.not ? ' (.not)' : ''} "${r.name}"`
  const v = (x: number): string => formatValue(x, r.kind)
  let headline: string
  let fix = ''
  switch (r.outcome) {
    case 'VIOLATED':
      headline = r.not
        ? `${subject} failed: it is faster than the limit it must not beat (${v(r.estimate)}, threshold ${v(r.threshold)}).`
        : `${subject} failed: it is slower than its limit (${v(r.estimate)}, threshold ${v(r.threshold)}).`
      fix = r.not
        ? '  fix: the code is faster than this test claims it may be; if that is the intended change, update the claim in review.'
        : '  fix: find what made it slower (the headroom of earlier runs is in the perf report); if the new cost is intended, change the limit in review, where the measured value is visible.'
      break
    case 'UNSTABLE':
      headline = `${subject} failed as UNSTABLE: after ${r.rounds} rounds the interval is still wider than twice the margin, so it cannot tell ${pct(r.margin)} apart.`
      fix =
        '  fix: run the strict job on a quiet machine with perf tests serial (--no-file-parallelism / --runInBand), time bigger work per call, or raise `time`/`rounds`.'
      break
    case 'LOOSE_LIMIT':
      headline = `${subject} ${r.mode === 'strict' ? 'failed as LOOSE_LIMIT' : 'warning (LOOSE_LIMIT)'}: the limit ${v(r.limit)} is more than 3× looser than what was measured (${r.not ? 'lower' : 'upper'} bound ${v(r.not ? r.interval[0] : r.interval[1])}), so it would not catch a real regression.`
      fix = `  fix: tighten the limit to what the code does, e.g. ${v(r.not ? r.interval[0] / 1.2 : r.interval[1] * 1.2)}.`
      break
    case 'INCONCLUSIVE':
      headline = `${subject} passed (inconclusive): the interval straddles the threshold ${v(r.threshold)}; PR mode passes it with this note.`
      fix = '  note: the nightly STRICT_PERF=1 run decides this one.'
      break
    case 'UNCONFIRMED':
      headline = `${subject} passed: the first measurement was a violation, but a fresh re-measurement did not confirm it (noise).`
      break
    default:
      headline = `${subject} passed with ${pct(r.headroom, 1)} headroom.`
  }
  return [headline, formatFacts(r), fix].filter(Boolean).join('\n')
}
