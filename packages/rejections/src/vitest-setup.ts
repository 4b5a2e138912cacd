// Runs in every Vitest worker before each test file (the plugin puts it first in `setupFiles`).
// Vitest evaluates this file again for every test file; the runtime below is imported by package
// name, so Vitest loads it as an external module once per worker.
import { installForFile } from '@steadfast/rejections/vitest-runtime'
import * as vitest from 'vitest'

installForFile(vitest as unknown as Parameters<typeof installForFile>[0])
