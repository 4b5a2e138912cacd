export { isFake } from './_fake.js'
export {
  CAPABILITIES,
  type Capability,
  type CapabilityKey,
  type CapabilityOutcome,
  hasCapability,
} from './capabilities.js'
export type { CancelTimer, RealTimeoutOptions } from './clock.js'
export { blockFor, MAX_TIMER_DELAY, nextTurn, realNow, setRealTimeout } from './clock.js'
export { codeDirOf, esmFileOf } from './codeDir.js'
export { describeValue } from './describeValue.js'
export { isSteadfastError, SteadfastError } from './errors.js'
export { type FileHooks, OUR_HOOK, type OurHook } from './fileHooks.js'
export {
  HANDED_ENV,
  handedTo,
  handToWorkers,
  optionsFromUmbrella,
  reporterOptionsFor,
} from './handOff.js'
export { hostCreateRequire } from './hostRequire.js'
export type { CircusBlockLike, CircusTestLike } from './jestCircus.js'
export {
  type CircusCall,
  type CircusCallsOptions,
  type CircusStateLike,
  type CircusTestCall,
  circusCurrentTest,
  circusFullName,
  circusState,
  circusUnhandledErrors,
  onCircusCalls,
  runRootHookLast,
  takeOverCircusListeners,
} from './jestCircus.js'
export type { JestFileHooks } from './jestRuntimes.js'
export { JEST_RUNTIMES_ENV } from './jestRuntimesEnv.js'
export type { JestTestLike, JestTestListener } from './jestTasks.js'
export { jestNotice, onJestTests } from './jestTasks.js'
export type { MergeCommand } from './mergeCommand.js'
export { parseMergeCommand, readRunArtifact, readRuns } from './mergeCommand.js'
export { handleOwner, isHandleOpen, nodeWarningPrinters, onServerListen } from './nodeSeam.js'
export type { OptionsDefinition, Zod } from './options.js'
export { defineOptions, parseOptions, SteadfastConfigError } from './options.js'
export { decodeOptions, encodeOptions } from './optionsJson.js'
export type { Shape, ShapeHint, ShapeResult } from './optionsShape.js'
export { checkShape, withShape } from './optionsShape.js'
export { guarded, guardedSync, injectFault, isVerdict, ownFault, partOfFile } from './ownFault.js'
export { realProcess } from './realProcess.js'
export type { Artifacts, CorruptArtifact } from './runDirectory.js'
export {
  projectRoot,
  ROOT_ENV,
  readJsonArtifacts,
  runDirectory,
  shownPath,
  tryRunWrite,
  uniqueSuffix,
  WRITE_FIX,
  writeFailure,
  writeJsonAtomic,
  writeRunArtifact,
} from './runDirectory.js'
export type { RunOutcome, RunSection, SectionStatus } from './runReport.js'
export {
  collectingSections,
  collectSections,
  deferFailure,
  publishSection,
  recordRunOutcome,
  takeSections,
} from './runReport.js'
export {
  GIVEN_OPTIONS,
  readSharedConfig,
  readSharedConfigFile,
  SHARED_CONFIG_FILES,
} from './sharedConfig.js'
export type { StackFrame } from './stackFrame.js'
export { parseFrame, stackWithout } from './stackFrame.js'
export { appendStepSummary } from './stepSummary.js'
export { OWNER_STORAGE, untracked } from './untracked.js'
export type { VitestConfigLike, VitestContextLike, VitestPartSetup } from './vitestConfig.js'
export {
  extendVitestConfig,
  foldSetupFiles,
  onMergedReports,
  shareSetupFiles,
  VITEST_RUNTIMES_ENV,
} from './vitestConfig.js'
export type { VitestRunEnd, VitestRunHooks } from './vitestRun.js'
export { firstForVitest, followVitestRuns, vitestGlobalSetup } from './vitestRun.js'
export type { VitestFileHooks } from './vitestRuntimes.js'
export {
  takeOverVitestListeners,
  type VitestSuiteHooks,
  vitestSuiteHooks,
  vitestWorker,
} from './vitestSeam.js'
export type { VitestRunnerApi, VitestTaskLike, VitestTestListener } from './vitestTasks.js'
export { onVitestTests, runnerTimersOutside, vitestFullName } from './vitestTasks.js'
