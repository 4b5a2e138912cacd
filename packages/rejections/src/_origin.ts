import { CODE_DIR, type Origin, parseFrame } from './_here.js'

export type { Origin }

// This package's code (all of dist/ when built, src/ here) is never an origin.
const OWN_ROOT = CODE_DIR.includes('/dist/')
  ? CODE_DIR.slice(0, CODE_DIR.lastIndexOf('/dist/') + 6)
  : `${CODE_DIR}/`

/**
 * The first stack frame in the user's code: not in node_modules, not inside Node, not in
 * Steadfast itself. That is where an error or a handle "came from" in every report.
 */
export function userOrigin(stack: string | undefined): Origin | undefined {
  if (!stack) return undefined
  for (const line of stack.split('\n')) {
    const frame = parseFrame(line)
    if (!frame) continue
    const { file } = frame
    if (file.startsWith('node:') || !file.startsWith('/') || file.includes('/node_modules/')) continue
    if (file.startsWith(OWN_ROOT)) continue
    return frame
  }
  return undefined
}
