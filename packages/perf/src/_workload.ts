// The calibration workload: a fixed mix of arithmetic, object and string allocation, map lookups
// and a sort, ≈ 1 ms on the reference machine. Absolute budgets are measured against it, in the
// same interleaved rounds as the function, so a machine twice as slow (or twice as busy) slows
// both and the ratio stays put.

const SIZE = 5_000

interface Item {
  id: number
  key: string
  weight: number
}

/** Runs the calibration workload once and returns a value that depends on all of it. */
export function calibrationWorkload(): number {
  let acc = 0
  const items: Item[] = []
  for (let i = 0; i < SIZE; i++) {
    acc += Math.sqrt(i + 1) * Math.sin(i) + ((i * 2654435761) % 1013)
    items.push({ id: i, key: `k${i % 251}`, weight: (i * 7919) % 1009 })
  }
  const totals = new Map<string, number>()
  for (const item of items) totals.set(item.key, (totals.get(item.key) ?? 0) + item.weight)
  items.sort((a, b) => a.weight - b.weight || a.id - b.id)
  const words = items.slice(0, 200).map((item) => `${item.key}:${item.weight}`)
  return acc + totals.size + (items[0]?.id ?? 0) + words.join(',').length
}
