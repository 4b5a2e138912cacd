import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
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
  return resolve(root, dir ?? process.env.STEADFAST_DIR ?? '.steadfast')
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
