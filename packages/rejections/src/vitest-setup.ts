// Runs in every Vitest worker before each test file (the plugin puts it first in `setupFiles`).
// Vitest evaluates this file again for every test file; from node_modules it loads the runtime as
// an external module, once per worker.
import * as vitest from 'vitest'
import { installForFile } from './vitest-runtime.js'

installForFile(vitest as unknown as Parameters<typeof installForFile>[0])
