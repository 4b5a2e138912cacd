import { calibrationWorkload } from './_workload.js'
import { type MeasureOptions, measure } from './measure.js'

/**
 * Time per call of the calibration workload on the reference machine, in ms: a 2-vCPU cloud VM
 * (Node 20), where Steadfast's gates were designed. An absolute budget is "ms on that machine".
 */
export const REFERENCE_WORKLOAD_MS = 1

/**
 * The machine factor: how much slower (> 1) or faster (< 1) this machine runs the calibration
 * workload than the reference machine. Absolute budgets do not need it (they measure the workload
 * beside the function); it is for the record and for `STEADFAST_PERF_FACTOR`.
 *
 * @example
 * const factor = await calibrate()   // 1.3: this machine is 30 % slower than the reference
 */
export async function calibrate(options: MeasureOptions = {}): Promise<number> {
  const { median } = await measure(calibrationWorkload, options)
  return median / REFERENCE_WORKLOAD_MS
}

export { calibrationWorkload }
