// @steadfast-build: esm-only
// The umbrella's one setup file in every Vitest worker (it takes the place of the parts' four).
// Vitest evaluates it again for every test file, through its module runner: it imports only what
// it must from there (`vitest`, the instance the test file sees) and the module that loads the
// runtimes natively (core's vitestRuntimes.ts).

import { installRuntimes } from '@steadfast/core/worker'
import * as vitest from 'vitest'

// `vitest/suite` as this file sees it, only where Vitest exports no runner class (3.2, 4.0). Named
// by a variable: Vite resolves a literal one as it loads this file, and Vitest 5 has no such entry.
const suite = 'vitest/suite'
await installRuntimes(vitest, () => import(/* @vite-ignore */ suite))
