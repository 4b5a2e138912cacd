// One gate, runner-agnostic: checks the input, measures under the run-wide lock, judges the claim
// and turns it into a record and a message. The matchers of both runners are thin layers on this.
import { relative } from 'node:path'
import { threadId } from 'node:worker_threads'
import { realNow } from '@steadfast/core'
import { withRunLock } from './_lock.js'
import { fails, type Judgement, PR_DEFAULTS, planFor, runProcedure, STRICT_DEFAULTS } from './_procedure.js'
import { median } from './_stats.js'
import { calibrationWorkload, REFERENCE_WORKLOAD_MS } from './calibrate.js'
import { assertFunction } from './errors.js'
import { formatGate } from './format.js'
import { checkExpected, checkGateOptions } from './gateOptions.js'
import { type Probed, probe } from './guards.js'
import type { GateRecord } from './record.js'
import type { PerfSettings } from './settings.js'

/** What the runner tells a gate about where it runs. */
export interface GateContext {
  matcher: string
  /** Called as `expect(fn).not.<matcher>(...)`. */
  not: boolean
  currentTestName?: string | undefined
  testPath?: string | undefined
  /** The project root, to make test paths relative. */
  root?: string
}

/** A judged gate: whether its claim held (in the mode), its record and its message. */
export interface GateResult {
  failed: boolean
  record: GateRecord
  message: string
}

/**
 * Runs one gate: `expect(received)[.not].<matcher>(expected, options)`.
 *
 * @throws PerfInputError for bad input (never turned into a timing or a verdict).
 */
export async function runGate(
  received: unknown,
  expected: unknown,
  rawOptions: unknown,
  settings: PerfSettings,
  context: GateContext,
): Promise<GateResult> {
  const { matcher } = context
  assertFunction(received, 'the received value (expect(...))', matcher)
  const kind = checkExpected(expected, matcher)
  const options = checkGateOptions(rawOptions, kind === 'absolute', matcher)
  const strict = settings.strict
  const margin = options.margin ?? settings.margin ?? (strict ? STRICT_DEFAULTS.margin : PR_DEFAULTS.margin)
  const plan = planFor(strict, options.rounds ?? settings.rounds, options.time ?? settings.time)
  const claim = {
    limit: kind === 'absolute' ? (expected as number) : (options.factor ?? 1),
    margin,
    not: context.not,
  }

  const arms: Probed[] = [await probe(received, 'the received function', matcher)]
  let toValue: (ms: number[]) => number
  const fixedFactor = kind === 'absolute' ? settings.machineFactor : undefined
  if (kind === 'relative') {
    arms.push(await probe(expected as () => unknown, 'the other function', matcher))
    toValue = ([a, b]) => (a as number) / (b as number)
  } else if (fixedFactor !== undefined) {
    toValue = ([a]) => (a as number) / fixedFactor
  } else {
    // The calibration workload runs in the same rounds: whatever slows the machine slows both.
    arms.push({ fn: calibrationWorkload, async: false, label: 'the calibration workload' })
    toValue = ([a, w]) => ((a as number) / (w as number)) * REFERENCE_WORKLOAD_MS
  }

  let window: [number, number] = [0, 0]
  const judged = await withRunLock(settings.dir, async () => {
    const start = realNow()
    const result = await runProcedure({ probed: arms, toValue, plan, claim, matcher })
    window = [start, realNow()]
    return result
  })
  const record = {
    ...toRecord(judged, kind, options.name, context, fixedFactor),
    window,
    worker: `${process.pid}:${threadId}`,
  }
  return { failed: record.failed, record, message: formatGate(record) }
}

function toRecord(
  judged: Judgement,
  kind: GateRecord['kind'],
  name: string | undefined,
  context: GateContext,
  fixedFactor: number | undefined,
): GateRecord {
  const test = context.currentTestName ?? '(outside a test)'
  const root = context.root ?? process.cwd()
  let machineFactor: number | null = null
  let factorSource: GateRecord['factorSource'] = null
  let rawMs: number | null = null
  if (kind === 'absolute') {
    rawMs = judged.armMs[0] ?? null
    if (fixedFactor !== undefined) {
      machineFactor = fixedFactor
      factorSource = 'STEADFAST_PERF_FACTOR'
    } else {
      machineFactor = median(judged.armMs.slice(1)) / REFERENCE_WORKLOAD_MS
      factorSource = 'calibrated'
    }
  }
  return {
    name: name ?? test,
    file: context.testPath ? relative(root, context.testPath) : '(unknown file)',
    test,
    matcher: context.matcher,
    kind,
    not: judged.not,
    mode: judged.mode,
    limit: judged.limit,
    margin: judged.margin,
    threshold: judged.threshold,
    estimate: judged.estimate,
    interval: judged.interval,
    confidence: judged.confidence,
    rounds: judged.rounds,
    outcome: judged.outcome,
    failed: fails(judged.outcome, judged.mode),
    ...(judged.first
      ? {
          first: {
            estimate: judged.first.estimate,
            interval: judged.first.interval,
            rounds: judged.first.rounds,
          },
        }
      : {}),
    machineFactor,
    factorSource,
    rawMs,
    headroom: judged.headroom,
    samples: judged.samples,
    durationMs: judged.durationMs,
    ...(judged.notes.length > 0 ? { notes: judged.notes } : {}),
  }
}
