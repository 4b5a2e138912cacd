// Every result of measured work lands here, so the optimiser cannot prove it unused and drop the
// work that made it. Exported through a reader so the stores stay observable from outside.
let sink: unknown

/** Keeps `value` alive (as far as the optimiser can tell). */
export function consume(value: unknown): void {
  sink = value
}

/** The last value kept: reading it is what makes every store to the sink observable. */
export function lastConsumed(): unknown {
  return sink
}
