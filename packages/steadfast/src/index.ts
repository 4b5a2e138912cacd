export type {
  CompareOptions,
  Comparison,
  GateOptions,
  Measured,
  MeasureOptions,
  PerfOptions,
} from '@steadfast/perf'
export { calibrate, compare, measure, PerfInputError } from '@steadfast/perf'
export type { RejectionsOptions } from '@steadfast/rejections'
export { UnhandledErrorsFailure } from '@steadfast/rejections'
export type {
  ProcessCheck,
  ProcessDefinition,
  ProcessFixture,
  ProcessHandle,
  ProcessOptions,
  RespawnOptions,
} from '@steadfast/respawn'
export { defineProcess, ProcessDegradedError, useProcess } from '@steadfast/respawn'
export type {
  EmitterLike,
  EventTargetLike,
  EventWaitOptions,
  SleepOptions,
  WaitForEventOptions,
  WaitForOptions,
  WaitTimeoutDetails,
  WithTimeoutOptions,
} from '@steadfast/wait'
export {
  Event,
  realNow,
  realSleep,
  realSleepSync,
  WaitTimeoutError,
  waitFor,
  waitForEvent,
  withTimeout,
} from '@steadfast/wait'
export type { WarningsOptions } from '@steadfast/warnings'
export type { JestConfigLike } from './jest.js'
export { withSteadfast } from './jest.js'
export type { ResolvedParts, SteadfastOptions } from './options.js'
export { resolveSteadfastOptions } from './options.js'
