import {
  accessSync,
  constants,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'

/**
 * The folder that holds a run's artifacts: `<root>/.steadfast` unless `STEADFAST_DIR` (or the
 * `dir` argument) says otherwise. A relative `dir` is taken from `root`.
 */
/** Set by a plugin in the runner's main process to the project root, for the workers it starts. */
export const ROOT_ENV = 'STEADFAST_ROOT'

/**
 * The project's root as the runner sees it (Vitest's `root`, Jest's `rootDir`), which workers read
 * from `STEADFAST_ROOT`; the working directory when no plugin set it.
 */
export function projectRoot(): string {
  return process.env[ROOT_ENV] || process.cwd()
}

export function runDirectory(root: string = process.cwd(), dir?: string): string {
  return usable(resolve(root, dir ?? process.env.STEADFAST_DIR ?? '.steadfast'))
}

// Each folder once a process: where its artifacts go (itself, or the stand-in when it is unusable).
const checked = new Map<string, string>()
/** Set once the line about an unusable folder is out, so the workers started after stay quiet. */
const NOTICED_ENV = 'STEADFAST_DIR_NOTICED'

/**
 * The folder itself when Steadfast can write there; else a stand-in under the system's temporary
 * folder, the same for every process of the run (named from the folder), with one line that names
 * the folder, the cause and the fix. Steadfast's own storage failing costs its artifacts their
 * place, never the user's run: without this, a file where `.steadfast/` should be stopped both
 * runners before any test ran. The check is two system calls, once a folder a process.
 */
function usable(folder: string): string {
  const known = checked.get(folder)
  if (known !== undefined) return known
  let instead = folder
  const cause = unusable(folder)
  if (cause) {
    instead = join(tmpdir(), `steadfast-${pathHash(folder).toString(36)}`)
    const still = unusable(instead)
    if (still)
      instead = folder // Nowhere to go: the parts' own errors will say so.
    else if (process.env[NOTICED_ENV] !== folder) {
      process.env[NOTICED_ENV] = folder
      console.warn(
        `[steadfast] cannot keep its artifacts in ${folder} (${cause}): they go to ${instead} for this run. ` +
          'Fix: make it a folder Steadfast can write to, or set STEADFAST_DIR to one.',
      )
    }
  }
  checked.set(folder, instead)
  return instead
}

/** Why `folder` cannot hold artifacts, in words; undefined when it can. */
function unusable(folder: string): string | undefined {
  try {
    mkdirSync(folder, { recursive: true })
    accessSync(folder, constants.W_OK)
    return undefined
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST' || code === 'ENOTDIR') return 'a file is in the way'
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'it cannot be written to'
    return (error as Error).message
  }
}

/**
 * FNV-1a of a path, for a short, stable name made from it: `node:crypto` costs a worker ≈ 2.5 ms to
 * load (uniqueSuffix), more than the code cache's whole loader.
 */
export function pathHash(path: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < path.length; i++) hash = Math.imul(hash ^ path.charCodeAt(i), 0x01000193)
  return hash >>> 0
}

/** A path as printed in a summary: relative to the working directory when it is inside it. */
export function shownPath(file: string): string {
  const rel = relative(process.cwd(), file)
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel
}

let made = 0

/**
 * A suffix no other file name of this run takes: the process id, a counter, and a random part
 * (for pid reuse and threads). Not `node:crypto`: loading it costs every Vitest test file ≈ 2.5 ms,
 * and these names need to be unique, not secret.
 */
export function uniqueSuffix(): string {
  made++
  return `${process.pid}-${made.toString(36)}${Math.random().toString(36).slice(2, 10)}`
}

/**
 * Writes `data` as JSON so that a reader never sees half a file: to a temp file beside the target,
 * then a rename, which is atomic on one file system. Synchronous, so it also works in exit handlers.
 */
export function writeJsonAtomic(file: string, data: unknown): void {
  mkdirSync(dirname(file), { recursive: true })
  const temp = `${file}.${uniqueSuffix()}.tmp`
  try {
    writeFileSync(temp, `${JSON.stringify(data, null, 2)}\n`)
    renameSync(temp, file)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
}

// Folders whose failed write was told about, in this process: one line each, not one a write.
const toldFolders = new Set<string>()

/**
 * Writes a run artifact as `writeJsonAtomic` does, and never throws: Steadfast's own storage
 * failing (a full disk, a folder that turned read-only) must cost its artifacts, never fail a test
 * or the run in the user's place. A failure is told once a folder a process, naming the file, the
 * cause, `lost` (what the run goes without), and the fix. Returns whether the file was written.
 */
export function writeRunArtifact(file: string, data: unknown, lost: string): boolean {
  return tryRunWrite(file, lost, () => writeJsonAtomic(file, data))
}

/** `write` (of `file`, in the run directory) as `writeRunArtifact` runs it: told once, never thrown. */
export function tryRunWrite(file: string, lost: string, write: () => void): boolean {
  try {
    write()
    return true
  } catch (error) {
    const folder = dirname(file)
    if (!toldFolders.has(folder)) {
      toldFolders.add(folder)
      // Straight to stderr: a console line in a test file would be taken for the test's output.
      process.stderr.write(
        `[steadfast] could not write ${file} (${writeFailure(error)}): ${lost}. ${WRITE_FIX}\n`,
      )
    }
    return false
  }
}

/** What to do about a write in the run directory that failed. */
export const WRITE_FIX =
  'Fix: free space on that disk or make the folder writable, or set STEADFAST_DIR to another folder.'

/** A failed write's cause in a word or two: its code (`ENOSPC`), else its message. */
export function writeFailure(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException
  return code ?? message
}

/** One artifact that could not be read, with why: reported, never fatal. */
export interface CorruptArtifact {
  file: string
  reason: string
}

export interface Artifacts<T> {
  items: Array<{ file: string; data: T }>
  corrupt: CorruptArtifact[]
}

/**
 * Reads every `*.json` artifact in `dir` whose name starts with `prefix`. A file that is not JSON,
 * or that `check` turns down, lands in `corrupt` with the reason; the others in `items`.
 */
export function readJsonArtifacts<T>(
  dir: string,
  prefix: string,
  check: (data: unknown) => data is T,
): Artifacts<T> {
  const result: Artifacts<T> = { items: [], corrupt: [] }
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return result
  }
  for (const name of names.sort()) {
    if (!name.startsWith(prefix) || !name.endsWith('.json')) continue
    const file = join(dir, name)
    let data: unknown
    try {
      data = JSON.parse(readFileSync(file, 'utf8'))
    } catch (error) {
      result.corrupt.push({ file, reason: `not valid JSON (${(error as Error).message})` })
      continue
    }
    if (check(data)) result.items.push({ file, data })
    else result.corrupt.push({ file, reason: 'not a Steadfast artifact of the expected shape' })
  }
  return result
}
