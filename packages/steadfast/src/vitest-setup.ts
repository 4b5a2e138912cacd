// @steadfast-build: esm-only
// The umbrella's one setup file in every Vitest worker (it takes the place of the parts' four).
// Vitest evaluates it again for every test file, through its module runner: it imports only what
// it must from there (`vitest`, the instance the test file sees) and the module that loads the
// runtimes natively (core's vitestRuntimes.ts).

import { installRuntimes } from '@steadfast/core/worker'
import * as vitest from 'vitest'

await installRuntimes(vitest)
