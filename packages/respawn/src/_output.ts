// The output of one process: the last lines of each stream, kept for messages and `logs()`, and
// the watchers of a `log` readiness check. Bounded: a chatty process costs `logLines` lines.
import type { Readable } from 'node:stream'
import type { ProcessLogs } from './handle.js'

type Stream = 'stdout' | 'stderr'

const MAX_PARTIAL = 64 * 1024

export class Output {
  readonly #limit: number
  readonly #lines: Record<Stream, string[]> = { stdout: [], stderr: [] }
  readonly #partial: Record<Stream, string> = { stdout: '', stderr: '' }
  readonly #watchers = new Set<(line: string) => void>()

  constructor(limit: number) {
    this.#limit = limit
  }

  /** Reads `stream` into this buffer until it ends. */
  follow(name: Stream, stream: Readable | null): void {
    if (!stream) return
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => this.#take(name, chunk))
    stream.on('end', () => {
      if (this.#partial[name]) this.#line(name, this.#partial[name])
      this.#partial[name] = ''
    })
  }

  /** Calls `watcher` with every line from now on, until the returned function is called. */
  watch(watcher: (line: string) => void): () => void {
    this.#watchers.add(watcher)
    return () => this.#watchers.delete(watcher)
  }

  /** The last lines of each stream, a partial last line included. */
  logs(): ProcessLogs {
    const with_ = (name: Stream): string[] => {
      const lines = [...this.#lines[name]]
      if (this.#partial[name]) lines.push(this.#partial[name])
      return lines.slice(-this.#limit)
    }
    return { stdout: with_('stdout'), stderr: with_('stderr') }
  }

  #take(name: Stream, chunk: string): void {
    const parts = (this.#partial[name] + chunk).split(/\r?\n/)
    // A process that never writes a newline must not grow the buffer without bound.
    this.#partial[name] = (parts.pop() ?? '').slice(-MAX_PARTIAL)
    // A partial line can match a log check too (a prompt without a newline).
    for (const line of parts) this.#line(name, line)
    if (this.#partial[name]) for (const watcher of this.#watchers) watcher(this.#partial[name])
  }

  #line(name: Stream, line: string): void {
    const lines = this.#lines[name]
    lines.push(line)
    if (lines.length > this.#limit) lines.splice(0, lines.length - this.#limit)
    for (const watcher of this.#watchers) watcher(line)
  }
}
