// The umbrella's one Jest setup file (it takes the place of the parts' three): `withSteadfast` and
// the preset put it in `setupFilesAfterEnv` and list the parts' runtimes in
// STEADFAST_JEST_RUNTIMES. Jest evaluates it in every test file's sandbox, with all it requires:
// it requires only core's small jest-host entry, which loads the runtimes with the host's require,
// once a worker.
import { installJestRuntimes } from '@steadfast/core/jest-host'

installJestRuntimes(globalThis)
