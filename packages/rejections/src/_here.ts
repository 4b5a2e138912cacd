import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * A file beside this module in the build (dist/esm or dist/cjs), found from this module's own
 * stack frame: works in the ESM and the CommonJS build, where `import.meta` and `__dirname` don't
 * both exist.
 */
export function sibling(name: string): string {
  const frame = new Error().stack?.split('\n')[1] ?? ''
  let file = /\(?((?:file:\/\/)?\/[^():]+):\d+:\d+\)?$/.exec(frame)?.[1] ?? ''
  if (file.startsWith('file://')) file = fileURLToPath(file)
  return join(dirname(file), name)
}
