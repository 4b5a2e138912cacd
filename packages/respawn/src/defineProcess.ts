import { SteadfastError } from '@steadfast/core'
import { workerState } from './_worker.js'
import type { ProcessHandle } from './handle.js'
import { type ProcessOptions, type ResolvedProcessOptions, resolveProcessOptions } from './options.js'
import { Session } from './session.js'

/** A Vitest fixture of file scope, in the tuple form `test.extend` takes. */
export type FileFixture<T> = [
  (context: object, use: (value: T) => Promise<void>) => Promise<void>,
  { scope: 'file' },
]

/** A process definition: validated options, and the ways to use them in a test file. */
export interface ProcessDefinition {
  /** The `name` option (or the command's file name). */
  readonly name: string
  /** The options, validated, with defaults applied. */
  readonly options: ResolvedProcessOptions
  /**
   * A Vitest fixture of file scope: `const test = base.extend({ api: api.fixture() })`. The process
   * starts when the first test of the file uses it and is checked before each later test; needs
   * the `respawn()` plugin from `@steadfast/respawn/vitest`.
   */
  fixture(): FileFixture<ProcessHandle>
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
  const resolved = resolveProcessOptions(options)
  // One session per test file: a fixture Vitest calls again after a failed start finds the
  // degraded session and fails as fast, instead of starting over.
  const sessions = new Map<string, Session>()
  const definition: ProcessDefinition = {
    name: resolved.name,
    options: resolved,
    fixture: () => [
      // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern; it has none
      async ({}, use) => {
        const worker = workerState()
        if (!worker.vitestSetup || worker.currentFile === undefined) {
          throw new SteadfastError(
            'STEADFAST_RESPAWN_NO_PLUGIN',
            `${resolved.name}.fixture() needs the respawn() plugin of @steadfast/respawn/vitest, which checks the process before every test. Add it to vitest.config: plugins: [respawn()], or use useProcess() instead.`,
          )
        }
        const file = worker.currentFile
        let session = sessions.get(file)
        if (!session) {
          session = new Session(resolved, file, worker)
          sessions.set(file, session)
        }
        worker.fixtureSessions.add(session)
        // A degraded start throws here and fails the test; the setup file's afterAll stops the session.
        await session.ensure(worker.currentTest ?? { name: undefined, retry: false })
        try {
          await use(session.handle)
        } finally {
          await session.stop()
          worker.fixtureSessions.delete(session)
          sessions.delete(file)
        }
      },
      { scope: 'file' },
    ],
  }
  return definition
}
