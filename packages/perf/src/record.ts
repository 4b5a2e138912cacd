import type { Plan } from './_procedure.js'
import type { Outcome } from './verdict.js'

/** One gate, as it lands in the artifacts, the end-of-run table and the reports. */
export interface GateRecord {
  /** The `name` option, else the test's full name. */
  name: string
  /** Test file, relative to the project root. */
  file: string
  /** The test's full name. */
  test: string
  matcher: string
  /** A comparison with another function (a ratio) or a budget (ms per call on the reference machine). */
  kind: 'relative' | 'absolute'
  not: boolean
  mode: Plan['mode']
  /** The limit: a ratio (relative) or ms (absolute). */
  limit: number
  margin: number
  /** Where the verdict switches: `limit × (1 + margin)` (`limit / (1 + margin)` under `.not`). */
  threshold: number
  estimate: number
  /** One-sided bounds, each at `confidence`. */
  interval: [number, number]
  confidence: number
  rounds: number
  outcome: Outcome
  /** Whether the gate failed its test. */
  failed: boolean
  /** The first measurement, when it was a violation and the gate measured again. */
  first?: { estimate: number; interval: [number, number]; rounds: number }
  /** How much slower this machine ran the calibration workload than the reference (absolute gates). */
  machineFactor: number | null
  factorSource: 'calibrated' | 'STEADFAST_PERF_FACTOR' | null
  /** Median ms per call measured here (absolute gates), before normalising by the machine factor. */
  rawMs: number | null
  /** Fraction of the threshold left before it (negative: beyond). */
  headroom: number
  /** The value of every round: the distribution the HTML report plots. */
  samples: number[]
  /** Wall time of the gate (both measurements), in ms. */
  durationMs: number
  /**
   * When the gate held the run-wide lock, on the system's monotonic clock in ms (comparable
   * across the workers of one machine): gates of one run never overlap.
   */
  window?: [number, number]
  /** The worker that ran it: `<pid>:<threadId>`. */
  worker?: string
  /** What the guards noticed without failing the gate: an arm no slower than an empty call. */
  notes?: string[]
}

/** Whether `value` looks like a gate record (for artifacts read back from disk). */
export function isGateRecord(value: unknown): value is GateRecord {
  const r = value as Partial<GateRecord> | null
  return (
    typeof r?.name === 'string' &&
    typeof r.estimate === 'number' &&
    Array.isArray(r.interval) &&
    typeof r.outcome === 'string' &&
    Array.isArray(r.samples)
  )
}
