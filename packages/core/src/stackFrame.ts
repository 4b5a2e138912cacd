import { fileURLToPath } from 'node:url'

// `at fn (file:line:col)`, `at file:line:col`, `at async fn (file:///x.js:1:2)`.
const FRAME = /^\s*at (?:.*?\()?(.+?):(\d+):(\d+)\)?\s*$/

/** A place in a source file, as one line of a V8 stack names it. */
export interface StackFrame {
  /** A path (file URLs are turned into paths), or `node:…` for Node's internals. */
  file: string
  line: number
  column: number
}

/** The place one line of a V8 stack names (file URLs read as paths), if it names one. */
export function parseFrame(line: string | undefined): StackFrame | undefined {
  const match = FRAME.exec(line ?? '')
  if (!match) return undefined
  const file = match[1] ?? ''
  return {
    file: file.startsWith('file://') ? fileURLToPath(file) : file,
    line: Number(match[2]),
    column: Number(match[3]),
  }
}

/**
 * `stack` without the frames in `dir` that sit below the first frame outside it: a wrapper of ours
 * that runs user code shows in every stack taken inside, and runners print every frame outside their
 * own packages. An error our own code threw keeps its frames (they are above any other).
 */
export function stackWithout(stack: string, dir: string): string {
  if (!stack.includes(dir)) return stack
  let belowOther = false
  return stack
    .split('\n')
    .filter((line) => {
      if (!/^\s+at /.test(line)) return true
      const ours = line.includes(dir)
      if (!ours) belowOther = true
      return !(ours && belowOther)
    })
    .join('\n')
}
