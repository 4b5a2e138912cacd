// Bencher Metric Format (https://bencher.dev/docs/reference/bencher-metric-format/): one benchmark
// per gate, so a continuous-benchmarking service can keep each gate's history.
import type { GateRecord } from './record.js'

/** One measure of one benchmark in Bencher Metric Format. */
export interface BencherMetric {
  value: number
  lower_value?: number
  upper_value?: number
}

/** `{ [benchmark]: { [measure]: metric } }`. */
export type BencherMetricFormat = Record<string, Record<string, BencherMetric>>

/**
 * Relative gates report the measure `ratio` (time of the function / time of the other); budgets
 * report `latency` in nanoseconds on the reference machine (Bencher's built-in measure).
 */
export function toBencher(gates: GateRecord[]): BencherMetricFormat {
  const out: BencherMetricFormat = {}
  for (const g of gates) {
    const scale = g.kind === 'absolute' ? 1e6 : 1
    const finite = (x: number): number | undefined => (Number.isFinite(x) ? x * scale : undefined)
    const metric: BencherMetric = { value: g.estimate * scale }
    const lower = finite(g.interval[0])
    const upper = finite(g.interval[1])
    if (lower !== undefined) metric.lower_value = lower
    if (upper !== undefined) metric.upper_value = upper
    // Names must be unique: a test with several gates gets a suffix.
    let name = `${g.file} > ${g.name}`
    for (let i = 2; name in out; i++) name = `${g.file} > ${g.name} #${i}`
    out[name] = { [g.kind === 'absolute' ? 'latency' : 'ratio']: metric }
  }
  return out
}
