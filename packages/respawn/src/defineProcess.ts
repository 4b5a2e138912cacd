import { SteadfastError } from '@steadfast/core'
import { vitestAnnounce, vitestTestInfo } from './_vitestContext.js'
import { workerState } from './_worker.js'
import type { ProcessHandle } from './handle.js'
import { type ProcessOptions, type ResolvedProcessOptions, resolveProcessOptions } from './options.js'
import { Session } from './session.js'

/**
 * A Vitest fixture function for `test.extend`. Vitest runs it for every test that uses it; the
 * process behind it lives for the whole file (see {@link ProcessDefinition.fixture}).
 */
export type ProcessFixture<T> = (
  context: { task: object; annotate?: unknown },
  use: (value: T) => Promise<void>,
) => Promise<void>

/** A process definition: validated options, and the ways to use them in a test file. */
export interface ProcessDefinition {
  /** The `name` option (or the command's file name). */
  readonly name: string
  /** The options, validated, with defaults applied. */
  readonly options: ResolvedProcessOptions
  /**
   * A Vitest fixture: `const test = base.extend({ api: api.fixture() })`. The process is
   * file-scoped: it starts when the first test of the file uses it, is checked (liveness, health)
   * before each later test that uses it, and is killed after the file's last hook. Registered
   * with Vitest's default (test) scope on purpose: Vitest runs a file-scoped fixture once, so it
   * could neither check before each test nor let a retry bring a degraded process back. Needs the
   * `respawn()` plugin of `@steadfast/respawn/vitest`.
   */
  fixture(): ProcessFixture<ProcessHandle>
}

/**
 * Defines a process that test files start on first use, health-check before every test, respawn
 * when it dies, and kill (whole tree) at the end of the file.
 *
 * @example
 * export const api = defineProcess({
 *   name: 'api', command: 'node', args: ['server.js', '--port', '{port}'],
 *   ready: { http: 'http://127.0.0.1:{port}/health' },
 * })
 * // Vitest: const test = base.extend({ api: api.fixture() })
 * // Jest:   const api = useProcess(apiDefinition)
 *
 * @throws SteadfastConfigError at once for a bad option: a missing command or one not on PATH, a
 *   bad check URL, a negative timeout, an unknown template, naming the option, value and fix.
 */
export function defineProcess(options: ProcessOptions): ProcessDefinition {
  // Taken when the call starts: a failure much later still points at this line of the user's code.
  const site: { stack?: string } = {}
  Error.captureStackTrace(site, defineProcess)
  const resolved = { ...resolveProcessOptions(options), definedAt: framesOf(site.stack) }
  // One session per test file: a fixture Vitest calls again after a failed start finds the
  // degraded session and fails as fast, instead of starting over.
  const sessions = new Map<string, Session>()
  const definition: ProcessDefinition = {
    name: resolved.name,
    options: resolved,
    // Vitest reads the fixture's dependencies from this parameter pattern: only context fields here.
    fixture:
      () =>
      async ({ task, annotate }, use) => {
        const worker = workerState()
        if (!worker.vitestSetup || worker.currentFile === undefined) {
          throw new SteadfastError(
            'STEADFAST_RESPAWN_NO_PLUGIN',
            `${resolved.name}.fixture() needs the respawn() plugin of @steadfast/respawn/vitest, which stops the process at the end of each file. Add it to vitest.config: plugins: [respawn()], or use useProcess() from @steadfast/respawn/vitest instead.`,
          )
        }
        const file = worker.currentFile
        let session = sessions.get(file)
        if (!session || session.stopped) {
          session = new Session(resolved, file, worker)
          sessions.set(file, session)
          worker.fileSessions.add(session)
        }
        const context = { task, annotate }
        const note = await session.ensure(vitestTestInfo(context))
        if (note) await vitestAnnounce(context, note)
        await use(session.handle)
      },
  }
  return definition
}

/** The `at …` lines of a stack, without its first (message) line. */
function framesOf(stack: string | undefined): string {
  const at = stack?.search(/\n\s+at /) ?? -1
  return at === -1 || !stack ? '' : stack.slice(at)
}
