import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseFrame } from './stackFrame.js'

type CallSites = Array<{ getFileName(): string | null | undefined }>
type PrepareStackTrace = (error: Error, sites: CallSites) => unknown

/**
 * The folder of the module that created `error`, read from its first stack frame. A package finds
 * its own built files with it (`codeDirOf(new Error())` at module level) in the ESM and the
 * CommonJS build alike, where `import.meta` and `__dirname` do not both exist.
 *
 * Reads V8's call sites rather than the formatted stack: a runner's source-map support (Vitest's
 * `Error.prepareStackTrace`) would otherwise map every frame of the stack, runner frames included,
 * which cost ≈ 4 ms in every module that asks, in every Vitest worker. The error's stack is left
 * formatted as the file name list; pass a fresh error.
 */
export function codeDirOf(error: Error): string {
  const file = firstFileOf(error)
  return dirname(file?.startsWith('file://') ? fileURLToPath(file) : (file ?? ''))
}

function firstFileOf(error: Error): string | undefined {
  // The realm's own Error: in a Jest sandbox, `error` comes from the sandbox's constructor.
  const ErrorClass = (error.constructor ?? Error) as { prepareStackTrace?: PrepareStackTrace }
  const saved = Object.getOwnPropertyDescriptor(ErrorClass, 'prepareStackTrace')
  let stack: unknown
  if (saved && !saved.configurable) {
    stack = error.stack // someone locked it: take the formatted stack
  } else {
    try {
      ErrorClass.prepareStackTrace = (_error, sites) =>
        sites.map((site) => site.getFileName()).filter((name): name is string => Boolean(name))
      stack = error.stack
    } finally {
      if (saved) Object.defineProperty(ErrorClass, 'prepareStackTrace', saved)
      else delete ErrorClass.prepareStackTrace
    }
  }
  if (Array.isArray(stack)) return stack[0] as string | undefined
  // Already formatted (its stack was read before), or a runtime without call sites: parse the text.
  return (typeof stack === 'string' ? stack : '')
    .split('\n')
    .map(parseFrame)
    .find((f) => f !== undefined)?.file
}

/**
 * A file of the ES module build beside `codeDir`'s: the Vitest plugins hand Vitest their ES module
 * setup files (the umbrella's is built as one only: it awaits at top level), also when the plugin
 * was loaded from the CommonJS build.
 */
export function esmFileOf(codeDir: string, name: string): string {
  return basename(codeDir) === 'cjs' ? join(dirname(codeDir), 'esm', name) : join(codeDir, name)
}
