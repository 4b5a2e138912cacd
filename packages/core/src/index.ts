export { isFake } from './_fake.js'
export type { CancelTimer, RealTimeoutOptions } from './clock.js'
export { blockFor, realNow, setRealTimeout } from './clock.js'
export { isSteadfastError, SteadfastError } from './errors.js'
