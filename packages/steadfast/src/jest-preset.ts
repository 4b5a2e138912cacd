// `preset: 'steadfast'` in a Jest config: every package on, options from steadfast.config.*.
import { withSteadfast } from './jest.js'

const preset = withSteadfast({})

export default preset
