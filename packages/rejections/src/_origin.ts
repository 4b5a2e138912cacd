import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const FRAME = /^\s*at (?:.*?\()?(.+?):(\d+):(\d+)\)?\s*$/

function frameFile(line: string | undefined): string {
  const file = FRAME.exec(line ?? '')?.[1] ?? ''
  return file.startsWith('file://') ? fileURLToPath(file) : file
}

// This package's code (its dist/ when built, its src/ in this repo's unit tests), found from this
// very module's stack frame in the ESM and the CommonJS build alike: never an origin.
const HERE = frameFile(new Error().stack?.split('\n')[1])
const OWN_ROOT = HERE.includes('/dist/') ? HERE.slice(0, HERE.lastIndexOf('/dist/') + 6) : `${dirname(HERE)}/`

/** A place in a source file. */
export interface Origin {
  file: string
  line: number
  column: number
}

/**
 * The first stack frame in the user's code: not in node_modules, not inside Node, not in
 * Steadfast itself. That is where an error or a handle "came from" in every report.
 */
export function userOrigin(stack: string | undefined): Origin | undefined {
  if (!stack) return undefined
  for (const line of stack.split('\n')) {
    const match = FRAME.exec(line)
    if (!match) continue
    let file = match[1] ?? ''
    if (file.startsWith('file://')) file = fileURLToPath(file)
    if (file.startsWith('node:') || !file.startsWith('/') || file.includes('/node_modules/')) continue
    if (file.startsWith(OWN_ROOT)) continue
    return { file, line: Number(match[2]), column: Number(match[3]) }
  }
  return undefined
}
