// What one worker keeps across the test files it runs: where the run directory is, the run id,
// the artifact, the watchdog. Kept on Node's real `process` under a registry symbol, so that every
// copy of this package in the worker (Jest loads one per test file, in its own vm context) shares
// one watchdog and one artifact. In a Vitest threads pool each thread has its own.
import { handedTo, realProcess, runDirectory, untracked } from '@steadfast/core'
import type { ProcessId } from './_proc.js'
import { selfId } from './_registry.js'
import { WatchdogClient } from './_watchdog.js'
import { WorkerArtifact } from './report.js'
import type { Session } from './session.js'

/** The part's section in core's hand-off: the run directory and the run id. */
export const PART = 'respawn'

/** What crosses from the main process (plugin, reporter) to the workers. */
export interface RunSettings {
  dir: string
  runId: string | undefined
}

type Hook = (fn: (...args: never[]) => unknown, timeout?: number) => void

/** The Vitest hooks useProcess registers with. */
export interface VitestHooks {
  beforeAll: Hook
  beforeEach: Hook
  afterAll: Hook
  expect: { getState(): { testPath?: string } }
}

export interface WorkerState {
  root: string
  settings: RunSettings
  owner: ProcessId
  /** The test file being run (relative to the root), as the Vitest setup file last said. */
  currentFile: string | undefined
  /** Whether the Vitest setup file runs in this worker (the plugin is on). */
  vitestSetup: boolean
  /** Vitest's hooks, left here by the setup file for useProcess (the plugin's module cannot import them). */
  vitestApi: VitestHooks | undefined
  /** Sessions started by `.fixture()`: the Vitest setup file stops them after the file's last hook. */
  fileSessions: Set<Session>
  /** Created on first use: a worker whose files start no process writes nothing. */
  artifact(): WorkerArtifact
  /** Started on the first spawn. */
  watchdog(): WatchdogClient
}

const KEY = Symbol.for('steadfast.respawn.worker')

/** What the plugin or the reporter handed down; without them, the default run directory and no run id. */
export function readRunSettings(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): RunSettings {
  return handedTo<RunSettings>(PART, env) ?? { dir: runDirectory(root), runId: undefined }
}

export function workerState(): WorkerState {
  const holder = realProcess() as unknown as { [KEY]?: WorkerState }
  const existing = holder[KEY]
  if (existing) return existing
  const root = process.cwd()
  const settings = readRunSettings(process.env, root)
  let artifact: WorkerArtifact | undefined
  let watchdog: WatchdogClient | undefined
  const state: WorkerState = {
    root,
    settings,
    owner: selfId(),
    currentFile: undefined,
    vitestSetup: false,
    vitestApi: undefined,
    fileSessions: new Set(),
    artifact: () => {
      artifact ??= new WorkerArtifact(settings.dir)
      return artifact
    },
    watchdog: () => {
      watchdog ??= untracked(() => new WatchdogClient())
      return watchdog
    },
  }
  holder[KEY] = state
  return state
}
