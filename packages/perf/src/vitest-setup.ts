// Runs in every Vitest worker before each test file (the plugin adds it to `setupFiles`).
import * as vitest from 'vitest'
import { installForFile } from './vitest-runtime.js'

installForFile(vitest as unknown as Parameters<typeof installForFile>[0])
