// @steadfast-build: self-contained
// What the parts' worker runtimes need of core, and nothing more: every test file of Vitest's forks
// pool is a new process that loads it again (through the code cache), where the whole barrel
// (options, schemas, reports, merges) would be compiled for a handful of functions
// (docs/design/overhead.md). The parts' self-contained runtimes are built against this entry in
// place of `@steadfast/core` (scripts/build-package.mjs checks each name they use is here).
export { hasCapability } from './capabilities.js'
export { nextTurn } from './clock.js'
export { codeDirOf } from './codeDir.js'
export { isSteadfastError, SteadfastError } from './errors.js'
export { OUR_HOOK } from './fileHooks.js'
export { handedTo, handToWorkers } from './handOff.js'
export {
  circusCurrentTest,
  circusFullName,
  circusState,
  circusUnhandledErrors,
  onCircusCalls,
  runRootHookLast,
  takeOverCircusListeners,
} from './jestCircus.js'
export { jestNotice, onJestTests } from './jestTasks.js'
export { handleOwner, isHandleOpen, nodeWarningPrinters, onServerListen } from './nodeSeam.js'
export { injectFault, isVerdict, ownFault } from './ownFault.js'
export { realProcess } from './realProcess.js'
export { projectRoot, runDirectory, uniqueSuffix, writeRunArtifact } from './runDirectory.js'
export { readSharedConfig } from './sharedConfig.js'
export { parseFrame, stackWithout } from './stackFrame.js'
export { OWNER_STORAGE, untracked } from './untracked.js'
export { takeOverVitestListeners, vitestSuiteHooks, vitestWorker } from './vitestSeam.js'
export { onVitestTests, runnerTimersOutside, vitestFullName } from './vitestTasks.js'
