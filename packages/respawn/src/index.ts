export type { ProcessDefinition, ProcessFixture } from './defineProcess.js'
export { defineProcess } from './defineProcess.js'
export type { DegradedDetails, DegradedReason } from './errors.js'
export { ProcessDegradedError } from './errors.js'
export type { ProcessExit, ProcessHandle, ProcessLogs } from './handle.js'
export type {
  FunctionCheck,
  HttpCheck,
  LogCheck,
  ProcessCheck,
  ProcessOptions,
  ResolvedProcessOptions,
  TcpCheck,
} from './options.js'
export type { RespawnOptions } from './pluginOptions.js'
export { respawnOptions } from './pluginOptions.js'
export type { RespawnArtifact, RespawnRecord } from './report.js'
export { formatSummary, mergeArtifacts } from './report.js'
export { useProcess } from './useProcess.js'
