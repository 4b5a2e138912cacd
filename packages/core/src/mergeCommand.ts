import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { CorruptArtifact } from './runDirectory.js'

/** `<bin> merge [--out <dir>] [--flag...] <run-dir>...`, as every package's merge command reads it. */
export interface MergeCommand {
  /** Where the merged artifact goes. @default '.steadfast' */
  out: string
  /** The run directories to merge, as given. */
  dirs: string[]
  /** The extra flags given (among those the command accepts). */
  flags: Set<string>
  /** Ends the command with exit code 2, printing `message` and the usage. */
  fail: (message: string) => never
}

/**
 * Reads the arguments of a `merge` command. A usage error (no command, an unknown one, an unknown
 * option, no directory) ends the process with code 2, printing the problem and `usage`.
 */
export function parseMergeCommand(
  bin: string,
  usage: string,
  argv: string[],
  flags: string[] = [],
): MergeCommand {
  const fail = (message: string): never => {
    process.stderr.write(`${bin}: ${message}\n\n${usage}\n`)
    process.exit(2)
  }
  const [command, ...rest] = argv
  if (command !== 'merge') fail(command ? `unknown command "${command}"` : 'missing command')
  const parsed: MergeCommand = { out: '.steadfast', dirs: [], flags: new Set(), fail }
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string
    if (arg === '--out') parsed.out = rest[++i] ?? fail('--out needs a directory')
    else if (flags.includes(arg)) parsed.flags.add(arg)
    else if (arg.startsWith('-')) fail(`unknown option "${arg}"`)
    else parsed.dirs.push(arg)
  }
  if (parsed.dirs.length === 0) fail('name at least one run directory to merge')
  return parsed
}

/**
 * The merged artifact `file` of one run directory, checked with `isArtifact`; undefined when the run
 * wrote none (it was cut short: merge its worker files instead). A missing directory, or a file that
 * is not valid JSON or not this kind of artifact, ends the command, naming it and the fix.
 */
export function readRunArtifact<T>(
  command: MergeCommand,
  dir: string,
  file: string,
  isArtifact: (data: unknown) => data is T,
  what: string,
): T | undefined {
  if (!existsSync(dir)) command.fail(`run directory ${resolve(dir)} does not exist`)
  const path = join(dir, file)
  if (!existsSync(path)) return undefined
  let data: unknown
  try {
    data = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    command.fail(
      `${resolve(path)} is not valid JSON (${(error as Error).message}); re-run that shard or leave its folder out`,
    )
  }
  if (!isArtifact(data))
    command.fail(`${resolve(path)} is not a ${what} artifact; re-run that shard or leave its folder out`)
  return data as T
}

/**
 * What each run directory of `command` holds: its merged artifact `file` (read as
 * `readRunArtifact` does), or, for a run cut short that merged nothing, what `readWorkers` makes of
 * its worker files; their corrupt files are named on stderr and skipped.
 */
export function readRuns<T, W extends { corrupt: CorruptArtifact[] }>(
  command: MergeCommand,
  file: string,
  isArtifact: (data: unknown) => data is T,
  what: string,
  readWorkers: (dir: string) => W,
): Array<T | W> {
  return command.dirs.map((dir) => {
    const data = readRunArtifact(command, dir, file, isArtifact, what)
    if (data) return data
    const partial = readWorkers(dir)
    for (const bad of partial.corrupt)
      process.stderr.write(`skipped a corrupt artifact ${bad.file}: ${bad.reason}\n`)
    return partial
  })
}
